//! The journey-map picture as SVG: stage columns, funnel, dwell, sentiment curve, channel
//! lanes and pain points; every user text escaped.

use std::fmt::Write as _;

use super::map::JourneyMap;
use crate::journey::Channel;

impl JourneyMap {
    /// The journey-map picture as SVG, titled "Patient journey map".
    pub fn to_svg(&self) -> String {
        self.to_svg_titled("Patient journey map")
    }

    /// The journey-map picture as SVG with the caller's title (escaped).
    ///
    /// Stages are columns; lanes from top to bottom: the funnel (journeys entered, with
    /// drop-outs in red), conversion and dwell, the sentiment curve on −2…+2, one lane
    /// per channel used (dot area ∝ touchpoints per journey), the top unmet need. Pain
    /// points are framed in red with their reasons.
    pub fn to_svg_titled(&self, title: &str) -> String {
        const LEFT: f64 = 150.0;
        const COL: f64 = 150.0;
        const TOP: f64 = 70.0;
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
        let width = LEFT + COL * self.stages.len() as f64 + 20.0;
        let cx = |i: usize| LEFT + COL * i as f64 + COL / 2.0;

        let mut o = String::with_capacity(16 * 1024);
        let _ = write!(
            o,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="Helvetica, Arial, sans-serif" font-size="12">"#
        );
        let _ = write!(
            o,
            r##"<title>{}</title><rect width="100%" height="100%" fill="#ffffff"/>"##,
            xml_escape(title)
        );
        let _ = write!(
            o,
            r##"<text x="16" y="28" font-size="18" font-weight="bold" fill="#1f2d3d">{}</text>"##,
            xml_escape(title)
        );
        let _ = write!(
            o,
            r##"<text x="16" y="48" fill="#555">{} journeys · {} touchpoints · {} completed · {} abandoned · {} on hold · {} active</text>"##,
            self.journeys,
            self.touchpoints,
            self.statuses.completed,
            self.statuses.abandoned,
            self.statuses.on_hold,
            self.statuses.active
        );
        // Lane labels.
        for (y, label) in [
            (funnel_y + funnel_h / 2.0, "Journeys"),
            (dwell_y + 20.0, "Conversion · dwell"),
            (sent_y + sent_h / 2.0, "Sentiment (−2…+2)"),
            (needs_y + 20.0, "Top unmet need"),
        ] {
            let _ = write!(
                o,
                r##"<text x="16" y="{y:.1}" font-weight="bold" fill="#1f2d3d">{}</text>"##,
                xml_escape(label)
            );
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
            let fill = if i % 2 == 0 { "#f5f7fa" } else { "#ffffff" };
            let _ = write!(
                o,
                r#"<rect x="{x0:.1}" y="{TOP:.1}" width="{COL:.1}" height="{:.1}" fill="{fill}"/>"#,
                frame_bottom - TOP
            );
            let _ = write!(
                o,
                r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-weight="bold" font-size="13" fill="#1f2d3d">{}</text>"##,
                cx(i),
                TOP + 20.0,
                xml_escape(s.stage.title())
            );
            // Funnel bar: entered, with the dropped share on top in red.
            let bar_w = 70.0;
            let h = funnel_h * s.entered as f64 / max_entered as f64;
            let drop_h = funnel_h * s.dropped as f64 / max_entered as f64;
            let base = funnel_y + funnel_h;
            let _ = write!(
                o,
                r##"<rect x="{:.1}" y="{:.1}" width="{bar_w:.1}" height="{h:.1}" fill="#4a90d9"><title>{} entered, {} moved on, {} dropped, {} still there</title></rect>"##,
                cx(i) - bar_w / 2.0,
                base - h,
                s.entered,
                s.moved_on,
                s.dropped,
                s.still_there
            );
            if s.dropped > 0 {
                let _ = write!(
                    o,
                    r##"<rect x="{:.1}" y="{:.1}" width="{bar_w:.1}" height="{drop_h:.1}" fill="#d9534f"/>"##,
                    cx(i) - bar_w / 2.0,
                    base - h
                );
            }
            let _ = write!(
                o,
                r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#1f2d3d">{} in · {} out</text>"##,
                cx(i),
                (base - h - 4.0).max(funnel_y - 2.0),
                s.entered,
                s.dropped
            );
            let dwell = match (s.dwell.median_seconds, s.dwell.p90_seconds) {
                (Some(m), Some(p)) => format!("{} (p90 {})", days(m), days(p)),
                _ => "no dwell yet".to_string(),
            };
            let _ = write!(
                o,
                r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#333">→ {}</text><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#555">{}</text>"##,
                cx(i),
                dwell_y + 14.0,
                percent(s.conversion),
                cx(i),
                dwell_y + 32.0,
                xml_escape(&dwell)
            );
            let need = s.unmet_needs.first().map_or_else(
                || "–".to_string(),
                |n| format!("{} ({}×)", n.need.as_str().replace('_', " "), n.unmet),
            );
            let _ = write!(
                o,
                r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#555" font-size="11">{}</text>"##,
                cx(i),
                needs_y + 20.0,
                xml_escape(&need)
            );
        }
        // Sentiment curve: a zero line, guides at ±2, and the stage means joined up.
        let sy = |v: f64| sent_y + sent_h / 2.0 - v / 2.0 * (sent_h / 2.0 - 8.0);
        for (v, dash, label) in [(2.0, "2,3", "+2"), (0.0, "none", "0"), (-2.0, "2,3", "−2")] {
            let _ = write!(
                o,
                r##"<line x1="{LEFT:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#999" stroke-dasharray="{dash}"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#999" font-size="10">{label}</text>"##,
                width - 20.0,
                LEFT - 4.0,
                sy(v) + 3.0,
                y = sy(v)
            );
        }
        let points: Vec<(f64, f64, f64)> = self
            .stages
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.sentiment.mean.map(|m| (cx(i), sy(m), m)))
            .collect();
        if points.len() > 1 {
            let path: Vec<String> = points
                .iter()
                .map(|(x, y, _)| format!("{x:.1},{y:.1}"))
                .collect();
            let _ = write!(
                o,
                r##"<polyline points="{}" fill="none" stroke="#2c7a4b" stroke-width="2.5"/>"##,
                path.join(" ")
            );
        }
        for (x, y, m) in &points {
            let color = if *m < 0.0 { "#d9534f" } else { "#2c7a4b" };
            let _ = write!(
                o,
                r##"<circle cx="{x:.1}" cy="{y:.1}" r="5" fill="{color}"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="{color}" font-size="11">{m:+.2}</text>"##,
                y - 9.0
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
            let _ = write!(
                o,
                r##"<text x="16" y="{:.1}" fill="#1f2d3d">{}</text><line x1="{LEFT:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#e1e5ea"/>"##,
                y + 4.0,
                xml_escape(&ch.as_str().replace('_', " ")),
                width - 20.0
            );
            for (i, s) in self.stages.iter().enumerate() {
                if let Some(c) = s.by_channel.iter().find(|c| c.channel == *ch) {
                    let r = if max_per > 0.0 {
                        2.0 + 9.0 * (c.per_journey / max_per).sqrt()
                    } else {
                        2.0
                    };
                    let _ = write!(
                        o,
                        r##"<circle cx="{:.1}" cy="{y:.1}" r="{r:.1}" fill="#8e6bbf" fill-opacity="0.8"><title>{} {}: {} touchpoints, {:.2} per journey</title></circle>"##,
                        cx(i),
                        xml_escape(s.stage.as_str()),
                        xml_escape(ch.as_str()),
                        c.count,
                        c.per_journey
                    );
                }
            }
        }
        // Pain points: a red frame around the stage column and the reasons under the title.
        for p in &self.pain_points {
            let i = usize::from(p.stage.code());
            let x0 = LEFT + COL * i as f64;
            let reasons: Vec<&str> = p.reasons.iter().map(|r| r.label()).collect();
            let _ = write!(
                o,
                r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="none" stroke="#d9534f" stroke-width="3" rx="6"/><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#d9534f" font-weight="bold" font-size="11">⚠ {}</text>"##,
                x0 + 2.0,
                TOP + 2.0,
                COL - 4.0,
                frame_bottom - TOP - 4.0,
                cx(i),
                TOP + 34.0,
                xml_escape(&reasons.join(", "))
            );
        }
        let _ = write!(
            o,
            r##"<text x="16" y="{:.1}" fill="#777" font-size="11">Blue: journeys that entered; red: dropped out there. Red frames mark pain points. Dwell is the median (and p90) time per stage visit.</text>"##,
            height - 16.0
        );
        o.push_str("</svg>");
        o
    }
}

/// Escapes text for XML/SVG content and attribute values.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters even when escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escape_neutralises_markup_and_control_characters() {
        assert_eq!(
            xml_escape("<a href='x'>&\"\u{1}"),
            "&lt;a href=&apos;x&apos;&gt;&amp;&quot; "
        );
    }
}
