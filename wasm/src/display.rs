//! Pictures (SVG) and displays (the picture and a compact, formatted table as one HTML
//! fragment): each function reads a result in its JSON shape and makes one call into the
//! core, which escapes every user text.

use medjourney::{Comparison, JourneyMap, Ranking};
use wasm_bindgen::prelude::*;

use crate::convert::{from_js, JsResult, StringArg};

/// The ranking as an SVG picture: a bar per provider split into each criterion's
/// contribution, the score, and the excluded providers with their reasons.
#[wasm_bindgen(js_name = rankingToSvg)]
pub fn ranking_to_svg(
    #[wasm_bindgen(unchecked_param_type = "Ranking")] ranking: JsValue,
) -> JsResult<String> {
    Ok(from_js::<Ranking>(ranking, "ranking")?.to_svg())
}

/// The ranking's picture, then a table of the matches, as one HTML fragment.
#[wasm_bindgen(js_name = rankingToHtml)]
pub fn ranking_to_html(
    #[wasm_bindgen(unchecked_param_type = "Ranking")] ranking: JsValue,
) -> JsResult<String> {
    Ok(from_js::<Ranking>(ranking, "ranking")?.to_html())
}

/// The quote comparison as an SVG picture: categories × quotes with each cell's amount
/// and status, the totals, the difference to the cheapest and the findings.
#[wasm_bindgen(js_name = comparisonToSvg)]
pub fn comparison_to_svg(
    #[wasm_bindgen(unchecked_param_type = "Comparison")] comparison: JsValue,
) -> JsResult<String> {
    Ok(from_js::<Comparison>(comparison, "comparison")?.to_svg())
}

/// The comparison's picture, then the grid and the findings as tables, as one HTML
/// fragment.
#[wasm_bindgen(js_name = comparisonToHtml)]
pub fn comparison_to_html(
    #[wasm_bindgen(unchecked_param_type = "Comparison")] comparison: JsValue,
) -> JsResult<String> {
    Ok(from_js::<Comparison>(comparison, "comparison")?.to_html())
}

/// The journey map as an SVG picture (the same as `toSvg`).
#[wasm_bindgen(js_name = journeyMapToSvg)]
pub fn journey_map_to_svg(
    #[wasm_bindgen(unchecked_param_type = "JourneyMap")] map: JsValue,
    title: Option<StringArg>,
) -> JsResult<String> {
    crate::journey::to_svg(map, title)
}

/// The journey map's picture, then the per-stage table, as one HTML fragment.
#[wasm_bindgen(js_name = journeyMapToHtml)]
pub fn journey_map_to_html(
    #[wasm_bindgen(unchecked_param_type = "JourneyMap")] map: JsValue,
) -> JsResult<String> {
    Ok(from_js::<JourneyMap>(map, "map")?.to_html())
}

#[cfg(feature = "itinerary")]
mod itinerary {
    use wasm_bindgen::prelude::*;

    use crate::convert::{throw, ItineraryRulesArg, JsResult};
    use crate::itinerary::{read, read_rules};

    /// The trip as an SVG timeline in the traveller's local time, with the findings of
    /// the checks under `rules` (the shipped ones by default) and the fit-to-fly window.
    #[wasm_bindgen(js_name = itineraryToSvg)]
    pub fn itinerary_to_svg(
        #[wasm_bindgen(unchecked_param_type = "ItineraryJson | Itinerary")] itinerary: JsValue,
        rules: Option<ItineraryRulesArg>,
    ) -> JsResult<String> {
        read(itinerary)?.to_svg(&read_rules(rules)?).map_err(throw)
    }

    /// The timeline, then every item in local time, as one HTML fragment.
    #[wasm_bindgen(js_name = itineraryToHtml)]
    pub fn itinerary_to_html(
        #[wasm_bindgen(unchecked_param_type = "ItineraryJson | Itinerary")] itinerary: JsValue,
        rules: Option<ItineraryRulesArg>,
    ) -> JsResult<String> {
        read(itinerary)?.to_html(&read_rules(rules)?).map_err(throw)
    }

    /// The logistics check as one HTML fragment: the timeline with the findings marked,
    /// then the findings numbered as in the picture.
    #[wasm_bindgen(js_name = findingsToHtml)]
    pub fn findings_to_html(
        #[wasm_bindgen(unchecked_param_type = "ItineraryJson | Itinerary")] itinerary: JsValue,
        rules: Option<ItineraryRulesArg>,
    ) -> JsResult<String> {
        read(itinerary)?
            .findings_to_html(&read_rules(rules)?)
            .map_err(throw)
    }
}

#[cfg(feature = "itinerary")]
pub use itinerary::*;
