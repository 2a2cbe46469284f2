//! Travel times between locations, computed once into a matrix.
//!
//! With a road network (`travel.csv`) the time is the shortest path over its undirected edges
//! (Dijkstra with petgraph), tabulated between the locations the plan uses (worker bases,
//! homes, rooms) only: a `locations.csv` with 30 000 rows nobody uses costs neither memory nor
//! time, and a pair with an unused location is computed when asked. Without a network, it is
//! the great-circle distance times a road factor at a mean speed, rounded up to whole minutes,
//! exactly as the SPEC says.

use petgraph::algo::dijkstra;
use petgraph::graph::{NodeIndex, UnGraph};

/// Earth's mean radius used by the SPEC's haversine formula.
pub const EARTH_RADIUS_KM: f64 = 6371.0;

/// Marks a pair of locations with no road path between them.
pub const UNREACHABLE: u32 = u32::MAX;

/// Great-circle distance in km between two WGS84 points given in degrees.
pub fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (p1, p2) = (a.0.to_radians(), b.0.to_radians());
    let dp = p2 - p1;
    let dl = (b.1 - a.1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().asin()
}

/// Travel minutes without a road network: `ceil(km × road_factor / speed_kmh × 60)`.
/// The tiny epsilon keeps an exact whole minute from rounding up through float noise.
pub fn haversine_minutes(a: (f64, f64), b: (f64, f64), road_factor: f64, speed_kmh: f64) -> u32 {
    let m = haversine_km(a, b) * road_factor / speed_kmh * 60.0;
    (m - 1e-9).ceil().max(0.0) as u32
}

/// A road edge between two locations (indices into the plan's locations).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RoadEdge {
    pub from: usize,
    pub to: usize,
    pub minutes: f64,
}

/// Locations up to which haversine travel is tabulated in full (4096² × 4 bytes = 64 MiB).
/// Above it the minutes are computed when asked, so that memory stays linear in the number of
/// locations (10 000 homes would take 400 MB as a table).
pub const DENSE_LIMIT: usize = 4096;

/// Whole travel minutes between every pair of locations.
#[derive(Debug, Clone, PartialEq)]
pub struct TravelMatrix {
    n: usize,
    /// Shared between clones: what-if scenarios copy the problem, not the travel times.
    table: std::sync::Arc<Table>,
}

#[derive(Debug, Clone, PartialEq)]
enum Table {
    /// Row-major `n × n` minutes.
    Dense(Vec<u32>),
    /// Coordinates and the travel settings, evaluated by the haversine rule on each call.
    Haversine {
        coords: Vec<(f64, f64)>,
        road_factor: f64,
        speed_kmh: f64,
    },
    /// Shortest paths over a road network, tabulated between the used locations.
    Road {
        /// For each location, its row in `minutes`, or `u32::MAX` when the plan does not use it.
        slot: Vec<u32>,
        /// Number of used locations.
        k: usize,
        /// Row-major `k × k` minutes between used locations.
        minutes: Vec<u32>,
        /// The network, for pairs with an unused location (searched when asked).
        edges: Vec<RoadEdge>,
    },
}

/// Whole minutes of a path length, as the table holds them.
fn whole_minutes(d: f64) -> u32 {
    (d - 1e-9).ceil().max(0.0) as u32
}

fn road_graph(n: usize, edges: &[RoadEdge]) -> UnGraph<(), f64> {
    let mut g: UnGraph<(), f64> = UnGraph::with_capacity(n, edges.len());
    for _ in 0..n {
        g.add_node(());
    }
    for e in edges {
        g.add_edge(NodeIndex::new(e.from), NodeIndex::new(e.to), e.minutes);
    }
    g
}

impl TravelMatrix {
    /// The matrix from coordinates by the haversine rule (tabulated up to [`DENSE_LIMIT`]
    /// locations).
    pub fn from_coordinates(coords: &[(f64, f64)], road_factor: f64, speed_kmh: f64) -> Self {
        let n = coords.len();
        if n > DENSE_LIMIT {
            return TravelMatrix {
                n,
                table: std::sync::Arc::new(Table::Haversine {
                    coords: coords.to_vec(),
                    road_factor,
                    speed_kmh,
                }),
            };
        }
        let mut minutes = vec![0; n * n];
        for i in 0..n {
            for j in (i + 1)..n {
                let m = haversine_minutes(coords[i], coords[j], road_factor, speed_kmh);
                minutes[i * n + j] = m;
                minutes[j * n + i] = m;
            }
        }
        TravelMatrix {
            n,
            table: std::sync::Arc::new(Table::Dense(minutes)),
        }
    }

    /// The matrix of shortest paths over undirected road edges between `n` locations; pairs
    /// with no path get [`UNREACHABLE`]. Path lengths are rounded up to whole minutes. Paths
    /// are searched from the `used` locations only (memory `used²`, time `used` searches);
    /// a pair with another location is searched when [`TravelMatrix::minutes`] asks for it.
    pub fn from_road_edges(n: usize, edges: &[RoadEdge], used: &[usize]) -> Self {
        let mut slot = vec![u32::MAX; n];
        let mut order = Vec::new();
        for &u in used {
            if u < n && slot[u] == u32::MAX {
                slot[u] = order.len() as u32;
                order.push(u);
            }
        }
        let k = order.len();
        let g = road_graph(n, edges);
        let mut minutes = vec![UNREACHABLE; k * k];
        for (i, &from) in order.iter().enumerate() {
            let dist = dijkstra(&g, NodeIndex::new(from), None, |e| *e.weight());
            for (j, &to) in order.iter().enumerate() {
                if let Some(d) = dist.get(&NodeIndex::new(to)) {
                    minutes[i * k + j] = whole_minutes(*d);
                }
            }
            minutes[i * k + i] = 0;
        }
        TravelMatrix {
            n,
            table: std::sync::Arc::new(Table::Road {
                slot,
                k,
                minutes,
                edges: edges.to_vec(),
            }),
        }
    }

    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Minutes from `a` to `b` ([`UNREACHABLE`] when there is no path).
    pub fn minutes(&self, a: usize, b: usize) -> u32 {
        match &*self.table {
            Table::Dense(m) => m[a * self.n + b],
            Table::Haversine { .. } if a == b => 0,
            Table::Haversine {
                coords,
                road_factor,
                speed_kmh,
            } => {
                // One order for both directions, as the table has.
                let (i, j) = (a.min(b), a.max(b));
                haversine_minutes(coords[i], coords[j], *road_factor, *speed_kmh)
            }
            Table::Road { .. } if a == b => 0,
            Table::Road {
                slot,
                k,
                minutes,
                edges,
            } => match (slot[a], slot[b]) {
                (i, j) if i != u32::MAX && j != u32::MAX => minutes[i as usize * k + j as usize],
                _ => {
                    // A location the plan does not use (a roster being checked may name one):
                    // one search, stopped at the goal.
                    let g = road_graph(self.n, edges);
                    let goal = NodeIndex::new(b);
                    dijkstra(&g, NodeIndex::new(a), Some(goal), |e| *e.weight())
                        .get(&goal)
                        .map_or(UNREACHABLE, |d| whole_minutes(*d))
                }
            },
        }
    }

    /// Minutes from `a` to `b` and back.
    pub fn round_trip(&self, a: usize, b: usize) -> u32 {
        self.minutes(a, b) + self.minutes(b, a)
    }

    /// Pairs `(a, b)` with `a < b` of tabulated locations (with a road network: the used
    /// ones) that have no path.
    pub fn unreachable_pairs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        // Without a road network every pair is reachable.
        let tabulated = |a: usize| match &*self.table {
            Table::Dense(_) => true,
            Table::Haversine { .. } => false,
            Table::Road { slot, .. } => slot[a] != u32::MAX,
        };
        (0..self.n)
            .filter(move |&a| tabulated(a))
            .flat_map(move |a| {
                ((a + 1)..self.n)
                    .filter(move |&b| tabulated(b) && self.minutes(a, b) == UNREACHABLE)
                    .map(move |b| (a, b))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine_matches_a_known_distance() {
        // Rovaniemi railway station to Helsinki railway station: about 700 km as the crow flies.
        let km = haversine_km((66.4985, 25.7113), (60.1719, 24.9414));
        assert!((km - 704.0).abs() < 5.0, "got {km}");
    }

    #[test]
    fn haversine_minutes_use_road_factor_and_speed_and_round_up() {
        // 0.1 degree of latitude is 11.119 km; ×1.3 / 40 km/h × 60 = 21.68 min → 22.
        assert_eq!(haversine_minutes((66.0, 25.0), (66.1, 25.0), 1.3, 40.0), 22);
        assert_eq!(haversine_minutes((66.0, 25.0), (66.0, 25.0), 1.3, 40.0), 0);
    }

    #[test]
    fn road_network_uses_shortest_paths_both_ways() {
        let e = |from, to, minutes| RoadEdge { from, to, minutes };
        let edges = [e(0, 1, 10.0), e(1, 2, 5.5), e(0, 2, 30.0)];
        let m = TravelMatrix::from_road_edges(4, &edges, &[0, 1, 2, 3]);
        assert_eq!(m.minutes(0, 2), 16);
        assert_eq!(m.minutes(2, 0), 16);
        assert_eq!(m.minutes(1, 1), 0);
        assert_eq!(m.minutes(0, 3), UNREACHABLE);
        assert_eq!(m.unreachable_pairs().count(), 3);
        // Only 0 and 3 used: the rest is searched on demand, with the same answers.
        let m = TravelMatrix::from_road_edges(4, &edges, &[3, 0, 0]);
        assert!(matches!(&*m.table, Table::Road { k: 2, .. }));
        assert_eq!(m.minutes(0, 2), 16);
        assert_eq!(m.minutes(2, 0), 16);
        assert_eq!(m.minutes(1, 2), 6);
        assert_eq!(m.minutes(2, 2), 0);
        assert_eq!(m.minutes(0, 3), UNREACHABLE);
        assert_eq!(m.minutes(1, 3), UNREACHABLE);
        assert_eq!(m.unreachable_pairs().collect::<Vec<_>>(), vec![(0, 3)]);
    }

    #[test]
    fn unused_locations_take_no_table_space() {
        let n = 30_000;
        let edges: Vec<RoadEdge> = (1..n)
            .map(|i| RoadEdge {
                from: i - 1,
                to: i,
                minutes: 1.0,
            })
            .collect();
        let m = TravelMatrix::from_road_edges(n, &edges, &[0, 10, 29_999]);
        match &*m.table {
            Table::Road { minutes, .. } => assert_eq!(minutes.len(), 9),
            _ => panic!("a road table"),
        }
        assert_eq!(m.minutes(10, 29_999), 29_989);
        assert_eq!(m.minutes(5, 0), 5);
    }

    #[test]
    fn above_the_dense_limit_minutes_are_computed_alike_and_symmetric() {
        let coords: Vec<(f64, f64)> = (0..DENSE_LIMIT + 2)
            .map(|i| (66.0 + (i % 97) as f64 * 0.01, 25.0 + (i / 97) as f64 * 0.01))
            .collect();
        let big = TravelMatrix::from_coordinates(&coords, 1.3, 40.0);
        let small = TravelMatrix::from_coordinates(&coords[..50], 1.3, 40.0);
        assert!(matches!(*big.table, Table::Haversine { .. }));
        for a in 0..50 {
            for b in 0..50 {
                assert_eq!(big.minutes(a, b), small.minutes(a, b));
                assert_eq!(big.minutes(a, b), big.minutes(b, a));
            }
        }
        assert_eq!(big.unreachable_pairs().count(), 0);
    }
}
