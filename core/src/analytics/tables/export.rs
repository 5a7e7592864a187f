//! The four tables written back out from journeys.

use super::*;
use crate::analytics::columns::Table;
use crate::error::Result;
use crate::journey::Journey;

/// One column of a table written from journeys.
#[derive(Debug, Clone, PartialEq)]
pub enum OutValues {
    /// Strings (journey ids).
    Text(Vec<String>),
    /// snake_case names (statuses, stages, channels, kinds, needs).
    Names(Vec<&'static str>),
    /// Instants in seconds since the Unix epoch (UTC), `None` while open.
    Instants(Vec<Option<i64>>),
    /// Numbers, `None` when not rated.
    Floats(Vec<Option<f64>>),
    /// Yes/no flags.
    Flags(Vec<bool>),
}

/// One of the four tables written from journeys: its columns in schema order.
#[derive(Debug, Clone, PartialEq)]
pub struct OutTable {
    /// Which table.
    pub table: Table,
    /// Its columns, named as in [`TABLE_COLUMNS`].
    pub columns: Vec<(&'static str, OutValues)>,
}

pub(super) fn out_table(table: Table, values: Vec<OutValues>) -> OutTable {
    let names = TABLE_COLUMNS
        .iter()
        .filter(|c| c.table == table)
        .map(|c| c.name);
    OutTable {
        table,
        columns: names.zip(values).collect(),
    }
}

/// The four tables (journeys, visits, touchpoints, needs) of journey objects, each
/// validated first; [`read_tables`] reads them back into the same map.
pub fn journey_tables(journeys: &[Journey]) -> Result<[OutTable; 4]> {
    for j in journeys {
        j.validate()?;
    }
    let visits = journeys
        .iter()
        .flat_map(|j| j.stages.iter().map(move |v| (j, v)));
    let touches = journeys
        .iter()
        .flat_map(|j| j.touchpoints.iter().map(move |t| (j, t)));
    let needs = journeys
        .iter()
        .flat_map(|j| j.needs.iter().map(move |n| (j, n)));
    let ids = |it: &mut dyn Iterator<Item = &Journey>| {
        OutValues::Text(it.map(|j| j.id.clone()).collect())
    };
    Ok([
        out_table(
            Table::Journeys,
            vec![
                ids(&mut journeys.iter()),
                OutValues::Names(journeys.iter().map(|j| j.status.as_str()).collect()),
            ],
        ),
        out_table(
            Table::Visits,
            vec![
                ids(&mut visits.clone().map(|(j, _)| j)),
                OutValues::Names(visits.clone().map(|(_, v)| v.stage.as_str()).collect()),
                OutValues::Instants(
                    visits
                        .clone()
                        .map(|(_, v)| Some(v.entered.timestamp()))
                        .collect(),
                ),
                OutValues::Instants(visits.map(|(_, v)| v.left.map(|l| l.timestamp())).collect()),
            ],
        ),
        out_table(
            Table::Touchpoints,
            vec![
                ids(&mut touches.clone().map(|(j, _)| j)),
                OutValues::Names(touches.clone().map(|(_, t)| t.stage.as_str()).collect()),
                OutValues::Instants(
                    touches
                        .clone()
                        .map(|(_, t)| Some(t.at.timestamp()))
                        .collect(),
                ),
                OutValues::Names(touches.clone().map(|(_, t)| t.channel.as_str()).collect()),
                OutValues::Names(touches.clone().map(|(_, t)| t.kind.as_str()).collect()),
                OutValues::Floats(touches.map(|(_, t)| t.sentiment).collect()),
            ],
        ),
        out_table(
            Table::Needs,
            vec![
                ids(&mut needs.clone().map(|(j, _)| j)),
                OutValues::Names(needs.clone().map(|(_, n)| n.stage.as_str()).collect()),
                OutValues::Names(needs.clone().map(|(_, n)| n.need.as_str()).collect()),
                OutValues::Flags(needs.map(|(_, n)| n.met).collect()),
            ],
        ),
    ])
}
