//! The status payloads as serde types, read by `serde_json` straight from the body.
//!
//! The feed is undocumented and drifts, so nothing here is strict: every member may be
//! missing (`#[serde(default)]`), a member of the wrong type reads as absent, an array
//! item that is not an object is skipped, and ids may be strings or integers. The member types carry those
//! rules: [`Text`], [`Time`], [`Flag`], [`Obj`], [`List`] and, for telling payloads
//! apart, [`Kind`]. None of them ever fails on a value's type, so reading a payload fails
//! only on broken JSON (which [`super::valid`] rules out first) or a repeated member.
//!
//! Statuses stay strings here: [`crate::Level::from_source`] reads them, so a word the
//! feed adds one day is an unknown level, not a failed payload.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

// ---------------------------------------------------------------------------
// Lenient member types

/// What a member type makes of each kind of JSON value. What it does not take reads as
/// its default (absent): a member of the wrong type costs only itself.
trait Lenient<'de>: Default {
    fn text(_: &str) -> Self {
        Self::default()
    }
    fn int(_: impl fmt::Display) -> Self {
        Self::default()
    }
    fn flag(_: bool) -> Self {
        Self::default()
    }
    /// `null`, or a number that is not an integer ([`Lenient::float`] unless a type
    /// reads those).
    fn other() -> Self {
        Self::default()
    }
    fn float(_: f64) -> Self {
        Self::other()
    }
    fn array<A: SeqAccess<'de>>(seq: A) -> Result<Self, A::Error> {
        IgnoredAny.visit_seq(seq).map(|_| Self::default())
    }
    fn object<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        IgnoredAny.visit_map(map).map(|_| Self::default())
    }
}

/// Hands whatever value comes to `T`'s [`Lenient`] methods.
struct LenientVisitor<T>(PhantomData<T>);

impl<'de, T: Lenient<'de>> Visitor<'de> for LenientVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<T, E> {
        Ok(T::flag(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<T, E> {
        Ok(T::int(n))
    }
    fn visit_u64<E>(self, n: u64) -> Result<T, E> {
        Ok(T::int(n))
    }
    fn visit_f64<E>(self, n: f64) -> Result<T, E> {
        Ok(T::float(n))
    }
    fn visit_str<E>(self, s: &str) -> Result<T, E> {
        Ok(T::text(s))
    }
    fn visit_unit<E>(self) -> Result<T, E> {
        Ok(T::other())
    }
    fn visit_none<E>(self) -> Result<T, E> {
        Ok(T::other())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        T::array(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::object(map)
    }
}

fn lenient<'de, D: Deserializer<'de>, T: Lenient<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_any(LenientVisitor(PhantomData))
}

/// A string, or an integer as its decimal text (ids drift between the two; the text is
/// the integer as written, as JSON has one way to write it); `None` for anything else.
/// Raw: the parsers clean what they keep.
#[derive(Default)]
pub struct Text(pub Option<String>);

impl<'de> Lenient<'de> for Text {
    fn text(s: &str) -> Self {
        Text(Some(s.to_owned()))
    }
    fn int(n: impl fmt::Display) -> Self {
        Text(Some(n.to_string()))
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient(d)
    }
}

impl Text {
    pub fn raw(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

/// An RFC 3339 time string, in ms since the epoch; `None` if absent or unreadable.
#[derive(Default, Clone, Copy)]
pub struct Time(pub Option<i64>);

impl<'de> Lenient<'de> for Time {
    fn text(s: &str) -> Self {
        Time(crate::model::snapshot::parse_rfc3339(s))
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient(d)
    }
}

/// A boolean; `false` if absent or not a boolean.
#[derive(Default, Clone, Copy)]
pub struct Flag(pub bool);

impl<'de> Lenient<'de> for Flag {
    fn flag(b: bool) -> Self {
        Flag(b)
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient(d)
    }
}

/// An object read as `T`; `None` if absent or not an object (an array is not read as a
/// struct's members in order, as serde would).
pub struct Obj<T>(pub Option<T>);

impl<T> Default for Obj<T> {
    fn default() -> Self {
        Obj(None)
    }
}

impl<'de, T: Deserialize<'de>> Lenient<'de> for Obj<T> {
    fn object<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(|t| Obj(Some(t)))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient(d)
    }
}

/// An array of objects read as `T`, items that are not objects skipped (an object item
/// always reads: every member type here takes any value);
/// `None` if absent or not an array (which some payloads are told apart by).
pub struct List<T>(pub Option<Vec<T>>);

impl<T> Default for List<T> {
    fn default() -> Self {
        List(None)
    }
}

impl<'de, T: Deserialize<'de>> Lenient<'de> for List<T> {
    fn array<A: SeqAccess<'de>>(mut seq: A) -> Result<Self, A::Error> {
        let mut items = Vec::new();
        while let Some(Obj(item)) = seq.next_element::<Obj<T>>()? {
            items.extend(item);
        }
        Ok(List(Some(items)))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient(d)
    }
}

impl<T> List<T> {
    /// The items; none if the member was absent or not an array.
    pub fn items(&self) -> &[T] {
        self.0.as_deref().unwrap_or_default()
    }
}

/// A percentage, written as a string (`"99.92"`, as the page writes its uptimes, or
/// `"99.92 %"`) or as a number, to the hundredth; `None` for anything else, or a value
/// outside 0–100. The text is read as a JSON number by serde_json, whose float reader the
/// wasm carries anyway (`str::parse::<f64>` would bring a second one).
#[derive(Default, Clone, Copy)]
pub struct Percent(pub Option<f64>);

impl<'de> Lenient<'de> for Percent {
    fn text(s: &str) -> Self {
        let digits = s.trim().trim_end_matches('%').trim_end();
        serde_json::from_str::<f64>(digits).map_or(Percent(None), Self::float)
    }
    fn int(n: impl fmt::Display) -> Self {
        Self::text(&n.to_string())
    }
    fn float(n: f64) -> Self {
        if n.is_finite() && (0.0..=100.0).contains(&n) {
            Percent(Some((n * 100.0).round() / 100.0))
        } else {
            Percent(None)
        }
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient(d)
    }
}

/// What kind of value a member is, for telling payloads apart by their top-level keys.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    #[default]
    Absent,
    Array,
    Object,
    /// A string, number, boolean or `null`.
    Scalar,
}

impl<'de> Lenient<'de> for Kind {
    fn text(_: &str) -> Self {
        Kind::Scalar
    }
    fn int(_: impl fmt::Display) -> Self {
        Kind::Scalar
    }
    fn flag(_: bool) -> Self {
        Kind::Scalar
    }
    fn other() -> Self {
        Kind::Scalar
    }
    fn array<A: SeqAccess<'de>>(seq: A) -> Result<Self, A::Error> {
        IgnoredAny.visit_seq(seq).map(|_| Kind::Array)
    }
    fn object<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        IgnoredAny.visit_map(map).map(|_| Kind::Object)
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient(d)
    }
}

/// Any JSON value, read through and dropped with the checks `serde_json::Value` makes
/// (numbers in range, nesting depth), which [`IgnoredAny`] skips: [`super::valid`].
#[derive(Default)]
pub struct AnyJson;

impl<'de> Lenient<'de> for AnyJson {
    fn array<A: SeqAccess<'de>>(mut seq: A) -> Result<Self, A::Error> {
        while seq.next_element::<AnyJson>()?.is_some() {}
        Ok(AnyJson)
    }
    fn object<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        while map.next_entry::<AnyJson, AnyJson>()?.is_some() {}
        Ok(AnyJson)
    }
}

impl<'de> Deserialize<'de> for AnyJson {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient(d)
    }
}

// ---------------------------------------------------------------------------
// Payloads

/// The top-level keys that tell the payloads apart ([`super::detect`]).
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct Top {
    pub summary: Kind,
    pub incidents: Kind,
    pub components: Kind,
    pub page: Kind,
    pub status: Kind,
    pub scheduled_maintenances: Kind,
    pub component_impacts: Kind,
    pub component_uptimes: Kind,
}

/// The native summary, `/proxy/status.openai.com`.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct NativeRoot {
    pub summary: Obj<Summary>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct Summary {
    pub name: Text,
    pub structure: Obj<Structure>,
    /// The catalogue: every component, with its name.
    pub components: List<CatalogueComponent>,
    /// The components that are not operational, with their state.
    pub affected_components: List<AffectedComponent>,
    pub ongoing_incidents: List<NativeIncident>,
    pub in_progress_maintenances: List<NativeIncident>,
    pub scheduled_maintenances: List<NativeIncident>,
}

/// How the page lays its components out: groups and loose components, in order.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct Structure {
    pub items: List<StructureItem>,
}

/// A group or (if it has no group object) a component of its own.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct StructureItem {
    pub group: Obj<StructureGroup>,
    pub component: Obj<StructureComponent>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct StructureGroup {
    pub id: Text,
    pub name: Text,
    pub hidden: Flag,
    pub components: List<StructureComponent>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct StructureComponent {
    /// The id, else under `id`.
    pub component_id: Text,
    pub id: Text,
    pub name: Text,
    pub hidden: Flag,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct CatalogueComponent {
    /// The id, else under `component_id`.
    pub id: Text,
    pub component_id: Text,
    pub name: Text,
}

/// A component an incident affects (or, in the summary, one not operational).
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct AffectedComponent {
    pub component_id: Text,
    pub name: Text,
    /// The impact the incident declares.
    pub status: Text,
    /// The component's live state, which other incidents also influence.
    pub current_status: Text,
}

/// The native incident history, `/proxy/status.openai.com/incidents`.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct IncidentsRoot {
    pub incidents: List<NativeIncident>,
}

/// A native incident or maintenance: the times are looked for under several names, in
/// the order the parser gives.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct NativeIncident {
    pub id: Text,
    pub name: Text,
    pub status: Text,
    #[serde(rename = "type")]
    pub kind: Text,
    pub published_at: Time,
    pub started_at: Time,
    pub created_at: Time,
    pub resolved_at: Time,
    pub starts_at: Time,
    pub scheduled_for: Time,
    pub start_at: Time,
    pub ends_at: Time,
    pub scheduled_until: Time,
    pub end_at: Time,
    pub affected_components: List<AffectedComponent>,
    pub component_impacts: List<ComponentImpact>,
    pub status_summaries: List<StatusSummary>,
    pub updates: List<NativeUpdate>,
}

/// A period a component was impacted.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ComponentImpact {
    pub component_id: Text,
    pub status: Text,
    pub start_at: Time,
    pub end_at: Time,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct StatusSummary {
    pub worst_component_status: Text,
    pub start_at: Time,
    pub end_at: Time,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct NativeUpdate {
    pub message_string: Text,
    pub message: Text,
    pub body: Text,
    pub to_status: Text,
    pub status: Text,
    pub published_at: Time,
    pub created_at: Time,
    pub display_at: Time,
}

/// What the page's bars and uptimes are drawn from,
/// `/proxy/status.openai.com/component_impacts?start_at=&end_at=`.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ImpactsRoot {
    pub component_impacts: List<ImpactPeriod>,
    pub component_uptimes: List<ComponentUptime>,
    pub incident_links: List<IncidentLink>,
}

/// One component's impact over a period (`permalink`s and impact ids are not read).
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ImpactPeriod {
    pub component_id: Text,
    pub status: Text,
    pub start_at: Time,
    pub end_at: Time,
    pub status_page_incident_id: Text,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ComponentUptime {
    pub component_id: Text,
    pub uptime: Percent,
    pub data_available_since: Time,
}

/// An incident the impacts point at. Its `permalink` is not read: links go to
/// `status.openai.com/incidents/<id>`, whatever the page says.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct IncidentLink {
    pub id: Text,
    pub name: Text,
    pub status: Text,
    pub published_at: Time,
}

/// Any of the Statuspage-compatible payloads (`summary.json`, `components.json`,
/// `status.json`): one shape, each carrying part of it.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct CompatRoot {
    pub page: Obj<Page>,
    pub components: List<CompatComponent>,
    pub incidents: List<CompatIncident>,
    pub scheduled_maintenances: List<CompatMaintenance>,
    pub status: Obj<PageStatus>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct Page {
    pub name: Text,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct PageStatus {
    pub indicator: Text,
    /// The headline as words ("All Systems Operational").
    pub description: Text,
}

/// A component row, or a component an incident names.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct CompatComponent {
    pub id: Text,
    pub name: Text,
    pub status: Text,
    pub group_id: Text,
    /// The row is a group (Statuspage-style).
    pub group: Flag,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct CompatIncident {
    pub id: Text,
    pub name: Text,
    pub status: Text,
    pub impact: Text,
    pub started_at: Time,
    pub created_at: Time,
    pub resolved_at: Time,
    pub components: List<CompatComponent>,
    pub incident_updates: List<CompatUpdate>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct CompatMaintenance {
    pub id: Text,
    pub name: Text,
    pub status: Text,
    pub scheduled_for: Time,
    pub starts_at: Time,
    pub scheduled_until: Time,
    pub ends_at: Time,
    pub components: List<CompatComponent>,
    pub incident_updates: List<CompatUpdate>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct CompatUpdate {
    pub status: Text,
    pub body: Text,
    pub display_at: Time,
    pub created_at: Time,
    pub updated_at: Time,
}
