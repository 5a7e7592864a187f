//! Dataframes in and out through the Arrow C interfaces: the four journey tables from any
//! Arrow exporter (pyarrow, polars, pandas ≥ 2.2, DuckDB) into the core's table reader,
//! journeys out as those tables, and table results as Arrow. pyarrow is never imported.

mod export;
mod import;

use medjourney::analytics::tables::{journey_tables as core_journey_tables, Batch, Tables};
use medjourney::analytics::{journey_map_tables as core_journey_map_tables, Table};
use medjourney::{Journey, MapOptions};
use pyo3::prelude::*;
use pyo3::types::PyDict;

pub use export::PyArrowTable;
use import::{read_batches, PreparedBatch, TableBatches};

use crate::convert::{list_of, options};
use crate::errors::IntoPy;
use crate::journey::{PyJourney, PyJourneyMap, PyMapAccumulator};

/// The four tables' record batches, read while the GIL is held.
struct Read {
    journeys: TableBatches,
    visits: TableBatches,
    touchpoints: TableBatches,
    needs: TableBatches,
}

impl Read {
    fn new(
        journeys: &Bound<'_, PyAny>,
        visits: &Bound<'_, PyAny>,
        touchpoints: &Bound<'_, PyAny>,
        needs: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Read> {
        Ok(Read {
            journeys: read_batches(journeys, Table::Journeys)?,
            visits: read_batches(visits, Table::Visits)?,
            touchpoints: read_batches(touchpoints, Table::Touchpoints)?,
            needs: match needs {
                Some(n) if !n.is_none() => read_batches(n, Table::Needs)?,
                _ => TableBatches::default(),
            },
        })
    }

    /// Lends the core the tables and runs `f` on them without the GIL.
    fn with_tables<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&Tables<'_>) -> medjourney::Result<T> + Send,
    ) -> PyResult<T> {
        let (j, v, t, n) = (
            prep(&self.journeys),
            prep(&self.visits),
            prep(&self.touchpoints),
            prep(&self.needs),
        );
        let (j, v, t, n) = (view(&j), view(&v), view(&t), view(&n));
        let tables = Tables {
            journeys: &j,
            visits: &v,
            touchpoints: &t,
            needs: &n,
        };
        py.detach(|| f(&tables)).py()
    }
}

fn prep(table: &TableBatches) -> Vec<PreparedBatch<'_>> {
    table
        .batches
        .iter()
        .map(|b| PreparedBatch::new(b, &table.dictionaries))
        .collect()
}

fn view<'a>(prepared: &'a [PreparedBatch<'_>]) -> Vec<Batch<'a>> {
    prepared.iter().map(PreparedBatch::batch).collect()
}

/// Builds the journey map from the four journey tables (any objects exporting the Arrow
/// PyCapsule interface; schema in py/README.md), `MapOptions` as keywords.
#[pyfunction]
#[pyo3(signature = (journeys, visits, touchpoints, needs = None, **options))]
fn journey_map_tables(
    py: Python<'_>,
    journeys: &Bound<'_, PyAny>,
    visits: &Bound<'_, PyAny>,
    touchpoints: &Bound<'_, PyAny>,
    needs: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyJourneyMap> {
    let options: MapOptions = self::options(options)?;
    let read = Read::new(journeys, visits, touchpoints, needs)?;
    read.with_tables(py, |t| core_journey_map_tables(t, &options))
        .map(PyJourneyMap)
}

/// The four journey tables (journeys, visits, touchpoints, needs) of journeys (objects or
/// dicts), as Arrow tables.
#[pyfunction]
fn journey_tables(
    journeys: &Bound<'_, PyAny>,
) -> PyResult<(PyArrowTable, PyArrowTable, PyArrowTable, PyArrowTable)> {
    let journeys = list_of::<Journey, PyJourney>(journeys, "journeys")?;
    let [j, v, t, n] = core_journey_tables(&journeys).py()?;
    Ok((
        PyArrowTable::from_out(j)?,
        PyArrowTable::from_out(v)?,
        PyArrowTable::from_out(t)?,
        PyArrowTable::from_out(n)?,
    ))
}

crate::export!(fn journey_map_tables, journey_tables);

#[pymethods]
impl PyMapAccumulator {
    /// Adds a batch of complete journeys given as the four journey tables (as for
    /// `journey_map_tables`). On error nothing is added.
    #[pyo3(signature = (journeys, visits, touchpoints, needs = None))]
    fn add_tables(
        &mut self,
        py: Python<'_>,
        journeys: &Bound<'_, PyAny>,
        visits: &Bound<'_, PyAny>,
        touchpoints: &Bound<'_, PyAny>,
        needs: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let read = Read::new(journeys, visits, touchpoints, needs)?;
        let acc = &mut self.0;
        read.with_tables(py, |t| acc.add_tables(t))
    }
}
