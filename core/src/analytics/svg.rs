//! The journey-map picture as SVG: stage columns, funnel, dwell, sentiment curve, channel
//! lanes and pain points, drawn with the pictures' shared writer ([`crate::svg`]), so the
//! caller's title is cleaned and escaped by the same rules as every other user text.

use super::map::JourneyMap;
use crate::journey::Channel;
use crate::svg::{color, Anchor, Attrs, Font, Svg, SMALL, SUBTITLE, TITLE};

const LEFT: f64 = 150.0;
const COL: f64 = 150.0;
const TOP: f64 = 70.0;
/// Seven stage columns after the lane labels: wider than the other pictures' 960.
const WIDTH: f64 = LEFT + COL * 7.0 + 20.0;

const LANE_LABEL: Font = Font::new(12.0, color::INK).bold();
const STAGE: Font = Font::new(13.0, color::INK).bold().anchor(Anchor::Middle);
const CENTRED: Font = Font::new(12.0, color::INK).anchor(Anchor::Middle);
const CONVERSION: Font = Font::new(12.0, "#333333").anchor(Anchor::Middle);
const DWELL: Font = SUBTITLE.anchor(Anchor::Middle);
const NEED: Font = SMALL.anchor(Anchor::Middle);
const GUIDE: Font = Font::new(10.0, "#999999").anchor(Anchor::End);
const NOTE: Font = Font::new(11.0, color::FAINT);

impl JourneyMap {
    /// The journey-map picture as SVG, titled "Patient journey map".
    pub fn to_svg(&self) -> String {
        self.to_svg_titled("Patient journey map")
    }

    /// The journey-map picture as SVG with the caller's title (cleaned and escaped as
    /// every user text of the pictures; cut with "…" when longer than the picture).
    ///
    /// Stages are columns; lanes from top to bottom: the funnel (journeys entered, with
    /// drop-outs in red), conversion and dwell, the sentiment curve on −2…+2, one lane
    /// per channel used (dot area ∝ touchpoints per journey), the top unmet need. Pain
    /// points are framed in red with their reasons. 1220 units wide, it scales to its
    /// container (`width="100%"`) like the other pictures.
    pub fn to_svg_titled(&self, title: &str) -> String {
        let channels: Vec<Channel> = Channel::ALL
            .iter()
            .copied()
            .filter(|ch| {
                self.stages
                    .iter()
                    .any(|s| s.by_channel.iter().any(|c| c.channel == *ch))
            })
            .collect();
        let funnel_y = TOP + 58.0;
        let funnel_h = 110.0;
        let dwell_y = funnel_y + funnel_h + 10.0;
        let sent_y = dwell_y + 50.0;
        let sent_h = 120.0;
        let chan_y = sent_y + sent_h + 20.0;
        let lane = 26.0;
        let needs_y = chan_y + lane * channels.len() as f64 + 10.0;
        let frame_bottom = needs_y + 32.0;
        let height = frame_bottom + 30.0;
        let right = LEFT + COL * self.stages.len() as f64;
        let cx = |i: usize| LEFT + COL * i as f64 + COL / 2.0;

        let mut svg = Svg::new();
        svg.label(16.0, 28.0, TITLE, title, WIDTH - 32.0);
        svg.text(
            16.0,
            48.0,
            SUBTITLE,
            &format!(
                "{} journeys · {} touchpoints · {} completed · {} abandoned · {} on hold · {} active",
                self.journeys,
                self.touchpoints,
                self.statuses.completed,
                self.statuses.abandoned,
                self.statuses.on_hold,
                self.statuses.active
            ),
        );
        for (y, label) in [
            (funnel_y + funnel_h / 2.0, "Journeys"),
            (dwell_y + 20.0, "Conversion · dwell"),
            (sent_y + sent_h / 2.0, "Sentiment (−2…+2)"),
            (needs_y + 20.0, "Top unmet need"),
        ] {
            svg.text(16.0, y, LANE_LABEL, label);
        }
        let max_entered = self
            .stages
            .iter()
            .map(|s| s.entered)
            .max()
            .unwrap_or(0)
            .max(1);
        for (i, s) in self.stages.iter().enumerate() {
            let x0 = LEFT + COL * i as f64;
            let zebra = if i % 2 == 0 { color::ZEBRA } else { "#ffffff" };
            svg.rect(x0, TOP, COL, frame_bottom - TOP, Attrs::new().fill(zebra));
            svg.text(cx(i), TOP + 20.0, STAGE, s.stage.title());
            // Funnel bar: entered, with the dropped share on top in red.
            let bar_w = 70.0;
            let h = funnel_h * s.entered as f64 / max_entered as f64;
            let drop_h = funnel_h * s.dropped as f64 / max_entered as f64;
            let base = funnel_y + funnel_h;
            svg.rect(
                cx(i) - bar_w / 2.0,
                base - h,
                bar_w,
                h,
                Attrs::new().fill(color::BLUE).title(&format!(
                    "{} entered, {} moved on, {} dropped, {} still there",
                    s.entered, s.moved_on, s.dropped, s.still_there
                )),
            );
            if s.dropped > 0 {
                svg.rect(
                    cx(i) - bar_w / 2.0,
                    base - h,
                    bar_w,
                    drop_h,
                    Attrs::new().fill(color::RED),
                );
            }
            svg.text(
                cx(i),
                (base - h - 4.0).max(funnel_y - 2.0),
                CENTRED,
                &format!("{} in · {} out", s.entered, s.dropped),
            );
            let dwell = match (s.dwell.median_seconds, s.dwell.p90_seconds) {
                (Some(m), Some(p)) => format!("{} (p90 {})", days(m), days(p)),
                _ => "no dwell yet".to_string(),
            };
            svg.text(
                cx(i),
                dwell_y + 14.0,
                CONVERSION,
                &format!("→ {}", percent(s.conversion)),
            );
            svg.text(cx(i), dwell_y + 32.0, DWELL, &dwell);
            let need = s.unmet_needs.first().map_or_else(
                || "–".to_string(),
                |n| format!("{} ({}×)", n.need.as_str().replace('_', " "), n.unmet),
            );
            svg.text(cx(i), needs_y + 20.0, NEED, &need);
        }
        // Sentiment curve: a zero line, guides at ±2, and the stage means joined up.
        let sy = |v: f64| sent_y + sent_h / 2.0 - v / 2.0 * (sent_h / 2.0 - 8.0);
        for (v, dash, label) in [(2.0, "2,3", "+2"), (0.0, "none", "0"), (-2.0, "2,3", "−2")] {
            svg.line(
                LEFT,
                sy(v),
                right,
                sy(v),
                Attrs::new()
                    .attr("stroke", "#999999")
                    .attr("stroke-dasharray", dash),
            );
            svg.text(LEFT - 4.0, sy(v) + 3.0, GUIDE, label);
        }
        let points: Vec<(f64, f64, f64)> = self
            .stages
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.sentiment.mean.map(|m| (cx(i), sy(m), m)))
            .collect();
        if points.len() > 1 {
            let path: Vec<(f64, f64)> = points.iter().map(|(x, y, _)| (*x, *y)).collect();
            svg.polyline(
                &path,
                Attrs::new().attr("fill", "none").stroke(color::GREEN, 2.5),
            );
        }
        for (x, y, m) in &points {
            let tone = if *m < 0.0 { color::RED } else { color::GREEN };
            svg.circle(*x, *y, 5.0, Attrs::new().fill(tone));
            svg.text(
                *x,
                y - 9.0,
                Font::new(11.0, tone).anchor(Anchor::Middle),
                &format!("{m:+.2}"),
            );
        }
        // Channel lanes.
        let max_per = self
            .stages
            .iter()
            .flat_map(|s| s.by_channel.iter().map(|c| c.per_journey))
            .fold(0.0f64, f64::max);
        for (k, ch) in channels.iter().enumerate() {
            let y = chan_y + lane * k as f64 + lane / 2.0;
            svg.text(
                16.0,
                y + 4.0,
                Font::new(12.0, color::INK),
                &ch.as_str().replace('_', " "),
            );
            svg.line(LEFT, y, right, y, Attrs::new().attr("stroke", color::GRID));
            for (i, s) in self.stages.iter().enumerate() {
                if let Some(c) = s.by_channel.iter().find(|c| c.channel == *ch) {
                    let r = if max_per > 0.0 {
                        2.0 + 9.0 * (c.per_journey / max_per).sqrt()
                    } else {
                        2.0
                    };
                    svg.circle(
                        cx(i),
                        y,
                        r,
                        Attrs::new()
                            .fill(color::PURPLE)
                            .attr("fill-opacity", "0.8")
                            .title(&format!(
                                "{} {}: {} touchpoints, {:.2} per journey",
                                s.stage.as_str(),
                                ch.as_str(),
                                c.count,
                                c.per_journey
                            )),
                    );
                }
            }
        }
        // Pain points: a red frame around the stage column and the reasons under the title.
        for p in &self.pain_points {
            let i = usize::from(p.stage.code());
            let x0 = LEFT + COL * i as f64;
            let reasons: Vec<&str> = p.reasons.iter().map(|r| r.label()).collect();
            svg.rect(
                x0 + 2.0,
                TOP + 2.0,
                COL - 4.0,
                frame_bottom - TOP - 4.0,
                Attrs::new()
                    .attr("fill", "none")
                    .stroke(color::RED, 3.0)
                    .attr("rx", "6"),
            );
            svg.text(
                cx(i),
                TOP + 34.0,
                Font::new(11.0, color::RED).bold().anchor(Anchor::Middle),
                &format!("⚠ {}", reasons.join(", ")),
            );
        }
        svg.text(
            16.0,
            height - 16.0,
            NOTE,
            "Blue: journeys that entered; red: dropped out there. Red frames mark pain points. Dwell is the median (and p90) time per stage visit.",
        );
        svg.finish_sized(WIDTH, height, title)
    }
}

fn days(seconds: i64) -> String {
    let d = seconds as f64 / 86_400.0;
    if d >= 10.0 {
        format!("{d:.0} d")
    } else if d >= 1.0 {
        format!("{d:.1} d")
    } else {
        format!("{:.1} h", seconds as f64 / 3600.0)
    }
}

fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_string(), |v| format!("{:.0}%", v * 100.0))
}
