//! What the parts of a workbook hold, read with quick-xml before calamine reads them.
//!
//! calamine trusts a workbook: it reserves room for as many shared strings as the table
//! declares, parses any file starting like an OLE2 compound document as one (a looping sector
//! chain grows without bound), wraps a row number past `u32` around to a small one, reads a
//! shared-string index it cannot parse as `0`, and a formula without its saved value, or a
//! value written with character references, as an empty cell. So each part calamine will read
//! is first read here, streaming, in memory that does not grow with the part (the XML reader's
//! buffer holds one event), and the workbook is refused when it declares more than it holds or
//! more than the SPEC's limits allow; each plan sheet is refused, naming its damaged cells,
//! before calamine reads it.
//!
//! The parts are found and read exactly as calamine 0.38 finds and reads them (the same zip
//! names, relationships, XML reader settings and attribute rules), so that what is checked here
//! is what calamine reads.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;
use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read};

/// The first bytes of an OLE2 compound document: an old `.xls`, or a password-protected
/// (encrypted) `.xlsx`, which Excel saves inside one.
const OLE2_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Most shared strings (distinct texts) of a workbook, 4 000 000: a plan at the SPEC's limits
/// has tables of at most 200 000 rows, whose texts are mostly ids repeated across tables
/// (workers in availability, families in meetings and history), names and patterns; 20
/// distinct texts for each row of a full table is more than any such plan holds. calamine keeps
/// each entry as a `String` (24 bytes) plus its text, so the table costs at most 96 MB plus
/// text that [`super::UNPACKED_LIMIT`] bounds. Measured, the largest table accepted (4 000 000
/// entries of 114 characters, 520 MB unpacked): `caseload check` 2.3 s, 610 MB peak.
pub const SHARED_STRINGS_LIMIT: usize = 4_000_000;

/// Most characters of one text: Excel's own limit for a cell (32 767). A longer shared string
/// or inline text is no workbook Excel saved.
pub const TEXT_LIMIT: usize = 32_767;

/// The fewest bytes of one shared string, `<si/>`: a table cannot hold more entries than its
/// part's bytes divided by this.
const SHORTEST_ENTRY: u64 = 5;

/// The fewest bytes of one cell holding a shared string, `<c t="s"><v>0</v></c>`: a workbook
/// cannot hold more such cells than its unpacked bytes divided by this.
const SHORTEST_STRING_CELL: u64 = 21;

/// Most damaged cells listed for one sheet; the rest are counted.
pub const DAMAGE_LIMIT: usize = 100;

/// Excel's last row and column (1 048 576 rows, 16 384 columns to `XFD`).
pub const MAX_ROWS: u64 = 1_048_576;
pub const MAX_COLUMNS: u64 = 16_384;

/// What Excel does with a damaged file.
pub const HINT: &str = "open it in Excel and save it again";

/// A file that starts like an OLE2 compound document, which calamine must not be given.
#[derive(Debug, PartialEq, Eq)]
pub enum Ole2 {
    /// Holds an `EncryptedPackage` stream: a password-protected workbook.
    Encrypted,
    /// Anything else: an old `.xls`, a `.doc`, ...
    Other,
}

/// Whether `bytes` are an OLE2 compound document, and which kind: the name `EncryptedPackage`
/// is looked for as a directory entry holds it (UTF-16LE), in one pass over the bytes.
pub fn ole2(bytes: &[u8]) -> Option<Ole2> {
    if !bytes.starts_with(&OLE2_MAGIC) {
        return None;
    }
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let found = bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == name[0])
        .any(|(i, _)| bytes[i..].starts_with(&name));
    Some(if found { Ole2::Encrypted } else { Ole2::Other })
}

/// Why the workbook as a whole is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Beyond a limit (error FileTooLarge): what was found, what is allowed.
    TooLarge(String, String),
    /// Declaring more than it holds, or holding what Excel does not write (error BadWorkbook):
    /// what was found, what was expected.
    Declared(String, String),
    /// Damaged (error BadWorkbook): what was found.
    Damaged(String),
}

/// A damaged cell (or the sheet's declared size) of a plan sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    /// 1-based row and 0-based column, when the cell's place is known.
    pub row: Option<u64>,
    pub column: Option<u64>,
    pub found: String,
    pub expected: String,
}

/// The damaged cells of one sheet: the first [`DAMAGE_LIMIT`], and how many more.
#[derive(Debug, Default)]
pub struct Damages {
    pub listed: Vec<Damage>,
    pub more: u64,
}

impl Damages {
    pub fn push(&mut self, d: Damage) {
        if self.listed.len() < DAMAGE_LIMIT {
            self.listed.push(d);
        } else {
            self.more += 1;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }
}

/// A sheet of the workbook and the part that holds it.
#[derive(Debug, Clone)]
pub struct SheetPart {
    pub name: String,
    pub path: String,
}

type Xml<'z, 'b> = Reader<BufReader<zip::read::ZipFile<'z, Cursor<&'b [u8]>>>>;

/// The zip of a workbook, its entries found as calamine finds them.
pub struct Package<'b> {
    zip: zip::ZipArchive<Cursor<&'b [u8]>>,
    /// Entry names lower-cased with `/` for `\`, to the name in the zip (calamine's cache).
    names: HashMap<String, String>,
    /// The workbook part's folder (`xl/`) and name (`workbook.xml`).
    xl_path: String,
    workbook: String,
}

impl<'b> Package<'b> {
    /// Opens the zip (reading its directory only).
    pub fn open(bytes: &'b [u8]) -> Result<Self, String> {
        let zip =
            zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not a workbook: {e}"))?;
        let mut names = HashMap::with_capacity(zip.len());
        for name in zip.file_names() {
            let name = name.map_err(|e| format!("a damaged workbook: {e}"))?;
            names.insert(
                name.replace('\\', "/").to_ascii_lowercase(),
                name.to_string(),
            );
        }
        Ok(Package {
            zip,
            names,
            xl_path: "xl/".into(),
            workbook: "workbook.xml".into(),
        })
    }

    /// How many bytes the entries unpack to, counted by unpacking them (the sizes a zip
    /// declares may lie), stopping past `limit`.
    pub fn unpacked_size(&mut self, limit: u64) -> Result<u64, String> {
        let mut total = 0u64;
        for i in 0..self.zip.len() {
            let entry = self
                .zip
                .by_index(i)
                .map_err(|e| format!("a damaged workbook: {e}"))?;
            let left = limit - total;
            let n = std::io::copy(&mut entry.take(left + 1), &mut std::io::sink())
                .map_err(|e| format!("a damaged workbook: {e}"))?;
            total += n;
            if total > limit {
                break;
            }
        }
        Ok(total)
    }

    /// A part as calamine opens it (`None` when the zip has no such entry).
    fn part(&mut self, path: &str) -> Option<Result<Xml<'_, 'b>, String>> {
        let name = self
            .names
            .get(&path.to_ascii_lowercase())
            .map(String::as_str)
            .unwrap_or(path);
        match self.zip.by_name(name) {
            Ok(f) => {
                let mut r = Reader::from_reader(BufReader::with_capacity(1 << 16, f));
                let config = r.config_mut();
                config.check_end_names = false;
                config.trim_text(false);
                config.check_comments = false;
                config.expand_empty_elements = true;
                Some(Ok(r))
            }
            Err(zip::result::ZipError::FileNotFound) => None,
            Err(e) => Some(Err(format!("a damaged workbook: {e}"))),
        }
    }

    /// Finds the workbook part from the package's relationships (`_rels/.rels`).
    pub fn locate(&mut self) -> Result<(), String> {
        let mut xml = match self.part("_rels/.rels") {
            None => return Err("a damaged workbook: it has no _rels/.rels".into()),
            Some(x) => x?,
        };
        let mut buf = Vec::with_capacity(1024);
        start_of(&mut xml, &mut buf, "Relationships")?;
        let mut target = None;
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf).map_err(damaged)? {
                Event::Start(e) if e.local_name().as_ref() == "Relationship" => {
                    let [typ, to] = get_attrs(&e, ["Type", "Target"])?;
                    if typ.is_some_and(|t| t.ends_with("/relationships/officeDocument"))
                        && let Some(to) = to
                    {
                        target = Some(unescape(to)?);
                    }
                }
                Event::End(e) if e.local_name().as_ref() == "Relationships" => break,
                Event::Eof => return Err(eof("Relationships")),
                _ => {}
            }
        }
        drop(xml);
        if let Some(target) = target {
            let (dir, name) = match target.rfind('/') {
                Some(i) => target.split_at(i + 1),
                None => ("", target.as_str()),
            };
            self.xl_path = dir.strip_prefix('/').unwrap_or(dir).to_string();
            if !name.is_empty() {
                self.workbook = name.to_string();
            }
            Ok(())
        } else {
            Err("a damaged workbook: no workbook part in _rels/.rels".into())
        }
    }

    /// Counts the shared strings (what calamine will keep), and refuses a table that declares
    /// more than it or its part can hold, holds more than [`SHARED_STRINGS_LIMIT`] entries, or a
    /// text longer than [`TEXT_LIMIT`]; `unpacked` is the workbook's unpacked size.
    pub fn shared_strings(&mut self, unpacked: u64) -> Result<usize, Refusal> {
        let path = format!("{}sharedStrings.xml", self.xl_path);
        let mut xml = match self.part(&path) {
            None => return Ok(0),
            Some(x) => x.map_err(Refusal::Damaged)?,
        };
        let fail = Refusal::Damaged;
        let mut buf = Vec::with_capacity(1024);
        let (unique, count) = loop {
            buf.clear();
            match xml
                .read_event_into(&mut buf)
                .map_err(damaged)
                .map_err(fail)?
            {
                Event::Start(e) if e.local_name().as_ref() == "sst" => {
                    let unique = raw_attr(&e, "uniqueCount").map_err(fail)?.map(declared);
                    let count = raw_attr(&e, "count").map_err(fail)?.map(declared);
                    break (unique, count);
                }
                Event::Eof => return Err(fail(eof("sst"))),
                _ => {}
            }
        };
        let too_many = |found: String| {
            Refusal::TooLarge(
                found,
                format!(
                    "a workbook of at most {SHARED_STRINGS_LIMIT} distinct texts (shared strings)"
                ),
            )
        };
        // Refused before anything is counted: calamine reserves room for `uniqueCount`.
        if let Some(n) = unique.flatten()
            && n > SHARED_STRINGS_LIMIT as u128
        {
            return Err(too_many(format!("{n} shared strings declared")));
        }
        let most_cells = unpacked / SHORTEST_STRING_CELL;
        if let Some(n) = count.flatten()
            && n > u128::from(most_cells)
        {
            return Err(Refusal::Declared(
                format!("{n} text cells declared (count)"),
                format!(
                    "a shared-strings table that declares what the workbook holds: its {unpacked} bytes unpacked hold at most {most_cells} text cells; {HINT}"
                ),
            ));
        }
        let mut real = 0usize;
        let (mut text_buf, mut inner) = (Vec::with_capacity(1024), Vec::with_capacity(1024));
        loop {
            buf.clear();
            match xml
                .read_event_into(&mut buf)
                .map_err(damaged)
                .map_err(fail)?
            {
                Event::Start(e) if e.local_name().as_ref() == "si" => {
                    let len =
                        text_length(&mut xml, e.name(), &mut text_buf, &mut inner).map_err(fail)?;
                    if len > TEXT_LIMIT {
                        return Err(Refusal::Declared(
                            format!("shared string {real}: {len} characters"),
                            format!(
                                "texts of at most {TEXT_LIMIT} characters, Excel's limit for a cell; {HINT}"
                            ),
                        ));
                    }
                    real += 1;
                    if real > SHARED_STRINGS_LIMIT {
                        return Err(too_many(format!(
                            "more than {SHARED_STRINGS_LIMIT} shared strings"
                        )));
                    }
                }
                Event::End(e) if e.local_name().as_ref() == "sst" => break,
                Event::Eof => return Err(fail(eof("sst"))),
                _ => {}
            }
        }
        // What the part is, counted as it was read (the size a zip declares may lie).
        let bytes = xml.buffer_position();
        let most = bytes / SHORTEST_ENTRY;
        if let Some(n) = unique.flatten()
            && n > u128::from(most)
        {
            return Err(Refusal::Declared(
                format!("{n} shared strings declared, {real} held"),
                format!(
                    "a shared-strings table that holds what it declares (its {bytes} bytes hold at most {most} entries); {HINT}"
                ),
            ));
        }
        Ok(real)
    }

    /// The sheets of the workbook and their parts, as calamine finds them (after calamine has
    /// opened the workbook).
    pub fn sheets(&mut self) -> Result<Vec<SheetPart>, String> {
        let rels = format!("{}_rels/{}.rels", self.xl_path, self.workbook);
        let mut targets: HashMap<String, String> = HashMap::new();
        {
            let mut xml = match self.part(&rels) {
                None => return Err(format!("a damaged workbook: it has no {rels}")),
                Some(x) => x?,
            };
            let mut buf = Vec::with_capacity(64);
            loop {
                buf.clear();
                match xml.read_event_into(&mut buf).map_err(damaged)? {
                    Event::Start(e) if e.local_name().as_ref() == "Relationship" => {
                        let [id, _, target] = get_attrs(&e, ["Id", "Type", "Target"])?;
                        if let Some(id) = id {
                            targets.insert(id.to_string(), target.unwrap_or_default().to_string());
                        }
                    }
                    Event::End(e) if e.local_name().as_ref() == "Relationships" => break,
                    Event::Eof => return Err(eof("Relationships")),
                    _ => {}
                }
            }
        }
        let path = format!("{}{}", self.xl_path, self.workbook);
        let xl_path = self.xl_path.clone();
        let mut xml = match self.part(&path) {
            None => return Ok(Vec::new()),
            Some(x) => x?,
        };
        let mut sheets = Vec::new();
        let mut buf = Vec::with_capacity(1024);
        let mut inner = Vec::with_capacity(1024);
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf).map_err(damaged)? {
                Event::Start(e) if e.local_name().as_ref() == "sheet" => {
                    let (mut name, mut id) = (String::new(), "");
                    for attr in RawAttrs::new(e.attributes_raw()) {
                        let (key, value) = attr?;
                        match key {
                            "name" => name = unescape(value)?,
                            key if local_name_matches(key, "id") => id = value,
                            _ => {}
                        }
                    }
                    let target = targets
                        .get(id)
                        .ok_or_else(|| format!("a damaged workbook: sheet {name} has no part"))?;
                    let path = match target.strip_prefix('/') {
                        Some(absolute) => absolute.to_string(),
                        None => format!("{xl_path}{target}"),
                    };
                    sheets.push(SheetPart { name, path });
                }
                // calamine reads a defined name's text to its end: a `sheet` inside is none.
                Event::Start(e)
                    if e.local_name().as_ref() == "definedName"
                        && raw_attr(&e, "name")?.is_some() =>
                {
                    loop {
                        inner.clear();
                        match xml.read_event_into(&mut inner).map_err(damaged)? {
                            Event::End(end) if end.name() == e.name() => break,
                            Event::Eof => return Err(eof("workbook")),
                            _ => {}
                        }
                    }
                }
                Event::End(e) if e.local_name().as_ref() == "workbook" => break,
                Event::Eof => return Err(eof("workbook")),
                _ => {}
            }
        }
        Ok(sheets)
    }

    /// The damaged cells of the sheet in `path`, read as calamine's cell reader reads them;
    /// `strings` is the number of shared strings. A part calamine cannot read (no worksheet,
    /// malformed XML) is left to calamine, which says why.
    pub fn cells(&mut self, path: &str, strings: usize) -> Damages {
        let mut found = Damages::default();
        let Some(Ok(mut xml)) = self.part(path) else {
            return found;
        };
        // The scan stops at the first error of the XML, which calamine reports.
        let _ = scan_cells(&mut xml, strings, &mut found);
        found
    }
}

/// The buffers a scan reads events into: an event of one, while its content is read with
/// the others.
#[derive(Default)]
struct Bufs {
    cell: Vec<u8>,
    text: Vec<u8>,
    inner: Vec<u8>,
}

/// A cell's `t` attribute, as calamine tells its values apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `s`: a number into the shared strings.
    Shared,
    /// `str`: a formula's text.
    Text,
    /// `inlineStr` (or `is`): its `<v>` is read past.
    Inline,
    /// `n`, `b`, `e` or none: the first text of `<v>` is read.
    Plain,
    /// Anything else (`d`, or one calamine refuses): `<v>` is read in full.
    Other,
}

impl Kind {
    fn of(t: Option<&str>) -> Kind {
        match t {
            Some("s") => Kind::Shared,
            Some("str") => Kind::Text,
            Some("inlineStr" | "is") => Kind::Inline,
            Some("n" | "b" | "e") | None => Kind::Plain,
            Some(_) => Kind::Other,
        }
    }
}

/// Reads a sheet's XML as calamine's `XlsxCellReader` does, recording damage in `found`;
/// `strings` is the number of shared strings.
fn scan_cells<R: std::io::BufRead>(
    xml: &mut Reader<R>,
    strings: usize,
    found: &mut Damages,
) -> Result<(), ()> {
    let mut buf = Vec::with_capacity(1024);
    // Up to the sheet's data: its declared dimension, which calamine parses with wrapping
    // arithmetic.
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(|_| ())? {
            Event::Start(e) => match e.local_name().as_ref() {
                "dimension" => {
                    let Some(dim) = raw_attr(&e, "ref").map_err(|_| ())? else {
                        return Err(());
                    };
                    if !dimension_ok(dim) {
                        found.push(Damage {
                            row: None,
                            column: None,
                            found: format!("the sheet's dimension {dim}"),
                            expected: format!(
                                "a dimension within A1:XFD1048576, first cell before last, as Excel writes it ({HINT})"
                            ),
                        });
                    }
                }
                "sheetData" => break,
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
    let (mut row_index, mut col_index) = (0u64, 0u64);
    let mut last: Option<(u64, u64)> = None;
    let mut bufs = Bufs::default();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(|_| ())? {
            Event::Start(e) if e.local_name().as_ref() == "row" => {
                if let Some(r) = raw_attr(&e, "r").map_err(|_| ())? {
                    match row_number(r) {
                        Some(n) => row_index = n - 1,
                        None => {
                            found.push(Damage {
                                row: None,
                                column: None,
                                found: format!("row number {r}"),
                                expected: format!("a row number from 1 to {MAX_ROWS} ({HINT})"),
                            });
                            // The cells of the row are reported on their own.
                            row_index = MAX_ROWS;
                        }
                    }
                }
            }
            Event::End(e) if e.local_name().as_ref() == "row" => {
                row_index = row_index.saturating_add(1);
                col_index = 0;
            }
            Event::Start(e) if e.local_name().as_ref() == "c" => {
                let [r, _, t] = get_attrs(&e, ["r", "s", "t"]).map_err(|_| ())?;
                let kind = Kind::of(t);
                let place = match r {
                    Some(text) => match cell_reference(text) {
                        Some((row, col)) => {
                            col_index = col;
                            Ok((row, col))
                        }
                        None => Err(format!("cell reference {text}")),
                    },
                    None if row_index >= MAX_ROWS || col_index >= MAX_COLUMNS => Err(format!(
                        "a cell without a reference after {}",
                        last.map_or("the sheet's start".to_string(), |(r, c)| name(r, c))
                    )),
                    None => Ok((row_index, col_index)),
                };
                let cell = read_cell(xml, kind, strings, &mut bufs)?;
                col_index = col_index.saturating_add(1);
                let (row, col) = match place {
                    Ok(p) => p,
                    Err(what) => {
                        // Named by the row it is written in, when that one is within the sheet.
                        found.push(Damage {
                            row: (row_index < MAX_ROWS).then_some(row_index + 1),
                            column: None,
                            found: what,
                            expected: format!(
                                "a cell within Excel's 1048576 rows and 16384 columns, A1 to XFD1048576 ({HINT})"
                            ),
                        });
                        continue;
                    }
                };
                let problem = if last == Some((row, col)) {
                    Some((
                        format!("{} twice", name(row, col)),
                        format!("each cell once ({HINT})"),
                    ))
                } else {
                    cell.problem(|| name(row, col), kind, strings)
                };
                last = Some((row, col));
                if let Some((what, expected)) = problem {
                    found.push(Damage {
                        row: Some(row + 1),
                        column: Some(col),
                        found: what,
                        expected,
                    });
                }
            }
            Event::End(e) if e.local_name().as_ref() == "sheetData" => return Ok(()),
            Event::Eof => return Err(()),
            _ => {}
        }
    }
}

/// What a cell holds as calamine reads it: its last child decides its value.
#[derive(Debug, Default)]
struct Cell {
    /// The start of its formula, if it has one.
    formula: Option<String>,
    value: Value,
}

#[derive(Debug, Default, PartialEq, Eq)]
enum Value {
    /// No value element (or a formula after it, which calamine reads as empty).
    #[default]
    Missing,
    /// An empty `<v>`.
    Empty,
    /// A value calamine reads in full.
    Read,
    /// A shared string's number that is none of the table's: the text found.
    NoString(String),
    /// A value calamine reads only in part or as empty (character references, CDATA).
    Partial,
    /// Text longer than [`TEXT_LIMIT`].
    TooLong,
}

impl Cell {
    /// The damage of the cell named `at()` of kind `kind`, if any: what was found, what was
    /// expected.
    fn problem(
        &self,
        at: impl Fn() -> String,
        kind: Kind,
        strings: usize,
    ) -> Option<(String, String)> {
        if let Some(f) = &self.formula {
            // An empty `<v>` of a text formula is its saved value: an empty text.
            let saved = match &self.value {
                Value::Missing => false,
                Value::Empty => kind == Kind::Text,
                _ => true,
            };
            if !saved {
                return Some((
                    format!("{}: the formula ={f} without its saved value", at()),
                    format!(
                        "a formula saved with the value it shows ({HINT}: Excel saves every formula's value)"
                    ),
                ));
            }
        }
        let index = match (&self.value, kind) {
            (Value::Partial, _) => {
                return Some((
                    format!("{}: a value written with character references", at()),
                    format!("a value as Excel writes it ({HINT})"),
                ));
            }
            (Value::TooLong, _) => {
                return Some((
                    format!("{}: a text of more than {TEXT_LIMIT} characters", at()),
                    format!("at most {TEXT_LIMIT} characters, Excel's limit for a cell ({HINT})"),
                ));
            }
            (Value::NoString(index), Kind::Shared) => index.as_str(),
            (Value::Empty, Kind::Shared) => "",
            _ => return None,
        };
        Some((
            format!("{}: shared string number {index}", at()),
            if strings == 0 {
                format!("a text of its own: the workbook has no shared strings ({HINT})")
            } else {
                format!(
                    "the number of one of the workbook's {strings} shared strings, 0 to {} ({HINT})",
                    strings - 1
                )
            },
        ))
    }
}

/// Whether `text` is the number of one of `strings` shared strings as calamine reads it
/// (digits, leading zeros allowed).
fn is_index(text: &str, strings: usize) -> bool {
    let digits = text.trim_start_matches('0');
    !text.is_empty()
        && text.len() <= 40
        && text.bytes().all(|b| b.is_ascii_digit())
        && (digits.is_empty() || digits.parse::<u64>().is_ok_and(|i| i < strings as u64))
        && strings > 0
}

/// Reads the children of a `<c>` (its start just read) to its end, as calamine does.
fn read_cell<R: std::io::BufRead>(
    xml: &mut Reader<R>,
    kind: Kind,
    strings: usize,
    bufs: &mut Bufs,
) -> Result<Cell, ()> {
    let mut cell = Cell::default();
    loop {
        bufs.cell.clear();
        match xml.read_event_into(&mut bufs.cell).map_err(|_| ())? {
            Event::Start(e) => match e.local_name().as_ref() {
                "f" => {
                    cell.formula = Some(formula_text(xml, e.name(), &mut bufs.text)?);
                    cell.value = Value::Missing;
                }
                "is" => {
                    let len = text_length(xml, e.name(), &mut bufs.text, &mut bufs.inner)
                        .map_err(|_| ())?;
                    cell.value = if len > TEXT_LIMIT {
                        Value::TooLong
                    } else {
                        Value::Read
                    };
                }
                "v" => {
                    cell.value = match kind {
                        Kind::Inline => {
                            skip_to_end(xml, e.name(), &mut bufs.text)?;
                            Value::Missing
                        }
                        Kind::Plain | Kind::Shared => plain_value(
                            xml,
                            e.name(),
                            &mut bufs.text,
                            (kind == Kind::Shared).then_some(strings),
                        )?,
                        Kind::Text | Kind::Other => full_value(xml, e.name(), &mut bufs.text)?,
                    }
                }
                // Anything else is an error of calamine's, which names it.
                _ => skip_to_end(xml, e.name(), &mut bufs.text)?,
            },
            Event::End(e) if e.local_name().as_ref() == "c" => return Ok(cell),
            Event::Eof => return Err(()),
            _ => {}
        }
    }
}

/// A `<v>` of a number, shared string, boolean or error: calamine reads its first text only,
/// then reads past the rest. `strings` is the number of shared strings, for a shared string.
fn plain_value<R: std::io::BufRead>(
    xml: &mut Reader<R>,
    name: QName,
    buf: &mut Vec<u8>,
    strings: Option<usize>,
) -> Result<Value, ()> {
    buf.clear();
    let first = match xml.read_event_into(buf).map_err(|_| ())? {
        Event::Text(t) => match strings {
            Some(n) if !is_index(&t, n) => Value::NoString(t.chars().take(41).collect()),
            _ => Value::Read,
        },
        Event::End(end) if end.name() == name => return Ok(Value::Empty),
        Event::Eof => return Err(()),
        _ => Value::Partial,
    };
    buf.clear();
    let rest = xml.read_to_end_into(name, buf).map_err(|_| ())?;
    Ok(if rest.is_empty() {
        first
    } else {
        Value::Partial
    })
}

/// A `<v>` of text (`t="str"`, `d`, ...): calamine reads all of it.
fn full_value<R: std::io::BufRead>(
    xml: &mut Reader<R>,
    name: QName,
    buf: &mut Vec<u8>,
) -> Result<Value, ()> {
    let mut len = 0usize;
    loop {
        buf.clear();
        match xml.read_event_into(buf).map_err(|_| ())? {
            Event::Text(t) => len += t.chars().count(),
            Event::GeneralRef(_) => len += 1,
            Event::End(end) if end.name() == name => break,
            Event::Eof => return Err(()),
            _ => {}
        }
    }
    Ok(match len {
        0 => Value::Empty,
        n if n > TEXT_LIMIT => Value::TooLong,
        _ => Value::Read,
    })
}

/// A formula (its start just read), read past as calamine does: the start of its text.
fn formula_text<R: std::io::BufRead>(
    xml: &mut Reader<R>,
    name: QName,
    buf: &mut Vec<u8>,
) -> Result<String, ()> {
    buf.clear();
    let (text, ends) = match xml.read_event_into(buf).map_err(|_| ())? {
        Event::Text(t) => (t.chars().take(41).collect::<String>(), 1),
        Event::End(end) if end.name() == name => return Ok(String::new()),
        // A formula inside a formula (of the same name) ends twice.
        Event::Start(start) if start.name() == name => (String::new(), 2),
        Event::Eof => return Err(()),
        _ => (String::new(), 1),
    };
    for _ in 0..ends {
        skip_to_end(xml, name, buf)?;
    }
    Ok(if text.chars().count() > 40 {
        text.chars().take(40).chain(['…']).collect()
    } else {
        text
    })
}

/// Reads to the end of the element named `name` (nested ones of the same name included).
fn skip_to_end<R: std::io::BufRead>(
    xml: &mut Reader<R>,
    name: QName,
    buf: &mut Vec<u8>,
) -> Result<(), ()> {
    buf.clear();
    xml.read_to_end_into(name, buf).map(|_| ()).map_err(|_| ())
}

/// The characters of a rich or plain string (`<si>`, `<is>`) read as calamine reads it, to the
/// end of the element named `closing`: the text of its `<t>` elements outside phonetic runs.
fn text_length<R: std::io::BufRead>(
    xml: &mut Reader<R>,
    closing: QName,
    buf: &mut Vec<u8>,
    inner: &mut Vec<u8>,
) -> Result<usize, String> {
    let (mut len, mut phonetic) = (0usize, false);
    loop {
        buf.clear();
        match xml.read_event_into(buf).map_err(damaged)? {
            Event::Start(e) if e.local_name().as_ref() == "rPh" => phonetic = true,
            Event::End(e) if e.name() == closing => return Ok(len),
            Event::End(e) if e.local_name().as_ref() == "rPh" => phonetic = false,
            Event::Start(e) if e.local_name().as_ref() == "t" && !phonetic => loop {
                inner.clear();
                match xml.read_event_into(inner).map_err(damaged)? {
                    Event::Text(x) => len += x.chars().count(),
                    Event::CData(x) => len += x.chars().count(),
                    Event::GeneralRef(_) => len += 1,
                    Event::End(end) if end.name() == e.name() => break,
                    Event::Eof => return Err(eof("t")),
                    _ => {}
                }
            },
            Event::Eof => return Err(eof("")),
            _ => {}
        }
    }
}

/// Reads up to the start of the element `local`.
fn start_of<R: std::io::BufRead>(
    xml: &mut Reader<R>,
    buf: &mut Vec<u8>,
    local: &str,
) -> Result<(), String> {
    loop {
        buf.clear();
        match xml.read_event_into(buf).map_err(damaged)? {
            Event::Start(e) if e.local_name().as_ref() == local => return Ok(()),
            Event::Eof => return Err(eof(local)),
            _ => {}
        }
    }
}

fn damaged(e: quick_xml::Error) -> String {
    format!("a damaged workbook: {e}")
}

fn eof(what: &str) -> String {
    format!("a damaged workbook: it ends inside <{what}>")
}

fn unescape(value: &str) -> Result<String, String> {
    quick_xml::escape::unescape(value)
        .map(|v| v.into_owned())
        .map_err(|e| format!("a damaged workbook: {e}"))
}

/// A declared count: `Some(n)` for digits (any number of them), `None` otherwise (which
/// calamine does not read as a count either).
fn declared(text: &str) -> Option<u128> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = text.trim_start_matches('0');
    if digits.len() > 30 {
        return Some(u128::MAX);
    }
    Some(digits.parse().unwrap_or(0))
}

/// A row number `1`..=`1048576` (leading zeros allowed), if `text` is one.
fn row_number(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = text.trim_start_matches('0');
    if digits.len() > 7 {
        return None;
    }
    let n: u64 = digits.parse().unwrap_or(0);
    (1..=MAX_ROWS).contains(&n).then_some(n)
}

/// A cell reference `A1`..`XFD1048576` as 0-based (row, column), if `text` is one.
fn cell_reference(text: &str) -> Option<(u64, u64)> {
    let split = text.find(|c: char| !c.is_ascii_alphabetic())?;
    let (letters, digits) = text.split_at(split);
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let col = letters.bytes().fold(0u64, |n, b| {
        n * 26 + u64::from(b.to_ascii_uppercase() - b'A') + 1
    });
    let row = row_number(digits)?;
    (col <= MAX_COLUMNS).then_some((row - 1, col - 1))
}

/// Whether a sheet's `<dimension ref>` is one or two cell references, the first not after the
/// last.
fn dimension_ok(text: &str) -> bool {
    let mut parts = text.split(':');
    let (Some(a), b, None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    match (cell_reference(a), b.map(cell_reference)) {
        (Some(_), None) => true,
        (Some(a), Some(Some(b))) => a.0 <= b.0 && a.1 <= b.1,
        _ => false,
    }
}

/// A cell's name, `B7`, from its 0-based row and column.
fn name(row: u64, col: u64) -> String {
    format!(
        "{}{}",
        crate::io::table::column_letters(col as usize),
        row + 1
    )
}

/// `raw_attr` of calamine: the first attribute named exactly `key`, its value undecoded.
fn raw_attr<'e>(e: &'e BytesStart<'_>, key: &str) -> Result<Option<&'e str>, String> {
    for attr in RawAttrs::new(e.attributes_raw()) {
        let (k, v) = attr?;
        if k == key {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// `get_attrs!` of calamine: each key's value, the last one seen before every key was seen
/// (so a repeated attribute reads as calamine reads it).
fn get_attrs<'e, const N: usize>(
    e: &'e BytesStart<'_>,
    keys: [&str; N],
) -> Result<[Option<&'e str>; N], String> {
    let mut values = [None; N];
    let mut found = 0;
    for attr in RawAttrs::new(e.attributes_raw()) {
        let (k, v) = attr?;
        if let Some(i) = keys.iter().position(|key| *key == k) {
            values[i] = Some(v);
            found += 1;
        }
        if found == N {
            break;
        }
    }
    Ok(values)
}

/// Whether an attribute's key is `local`, with or without a namespace prefix.
fn local_name_matches(key: &str, local: &str) -> bool {
    key == local
        || key
            .strip_suffix(local)
            .is_some_and(|prefix| prefix.ends_with(':'))
}

/// The attributes of a tag as calamine reads them: `key="value"` pairs, values undecoded.
struct RawAttrs<'a> {
    raw: &'a str,
    pos: usize,
}

impl<'a> RawAttrs<'a> {
    fn new(raw: &'a str) -> Self {
        RawAttrs { raw, pos: 0 }
    }
}

impl<'a> Iterator for RawAttrs<'a> {
    type Item = Result<(&'a str, &'a str), String>;

    fn next(&mut self) -> Option<Self::Item> {
        let (raw, bytes) = (self.raw, self.raw.as_bytes());
        let mut pos = self.pos;
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if pos >= bytes.len() {
            self.pos = pos;
            return None;
        }
        let start = pos;
        while pos < bytes.len() && bytes[pos] != b'=' {
            pos += 1;
        }
        let malformed = || Some(Err("a damaged workbook: a malformed attribute".to_string()));
        if pos >= bytes.len() {
            self.pos = bytes.len();
            return malformed();
        }
        let key = raw[start..pos].trim_ascii_end();
        pos += 1;
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let quote = match bytes.get(pos) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => {
                self.pos = bytes.len();
                return malformed();
            }
        };
        pos += 1;
        let value_start = pos;
        while pos < bytes.len() && bytes[pos] != quote {
            pos += 1;
        }
        let value = &raw[value_start..pos];
        if pos < bytes.len() {
            pos += 1;
        }
        self.pos = pos;
        Some(Ok((key, value)))
    }
}
