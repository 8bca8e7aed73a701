//! The student's state between runs (`.course-state.json`): which hints were shown.
//! Written atomically; a damaged file is set aside and started afresh, never a crash.

use crate::fields::Fields;
use serde_core::de::{Deserialize, Deserializer};
use serde_core::ser::{Serialize, SerializeStruct, Serializer};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Default)]
pub struct State {
    /// Exercise name to how many of its hints have been shown.
    pub hints_shown: BTreeMap<String, usize>,
}

impl Serialize for State {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("State", 1)?;
        state.serialize_field("hints_shown", &self.hints_shown)?;
        state.end()
    }
}

impl<'de> Deserialize<'de> for State {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<State, D::Error> {
        let mut fields = Fields::of(deserializer)?;
        Ok(State {
            hints_shown: fields.or_default("hints_shown")?,
        })
    }
}

impl State {
    pub fn load(path: &Path) -> State {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return State::default(),
            Err(e) => {
                crate::style::warn(&format!(
                    "cannot read {}: {e}; starting from a fresh state",
                    path.display()
                ));
                return State::default();
            }
        };
        match serde_json::from_slice(&bytes) {
            Ok(state) => state,
            Err(e) => {
                let aside = path.with_extension("json.damaged");
                let _ = std::fs::rename(path, &aside);
                crate::style::warn(&format!(
                    "{} was damaged ({e}); it was moved to {} and a fresh state started",
                    path.display(),
                    aside.display()
                ));
                State::default()
            }
        }
    }

    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        write_atomically(path, &json)
    }
}

/// Writes a file so that readers see either the old or the new content, never a part:
/// a temporary file beside it, flushed, then renamed over it.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(format!(".{}.tmp", std::process::id()));
    let temporary = PathBuf::from(temporary);
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-state-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(".course-state.json")
    }

    #[test]
    fn round_trips_and_recovers_from_damage() {
        let path = scratch("damage");
        let mut state = State::default();
        state.hints_shown.insert("run_helper".into(), 2);
        state.save(&path).unwrap();
        assert_eq!(State::load(&path).hints_shown["run_helper"], 2);

        std::fs::write(&path, b"{\"hints_shown\": {\"run_he").unwrap();
        assert!(State::load(&path).hints_shown.is_empty());
        assert!(
            path.with_extension("json.damaged").exists(),
            "the damaged file is kept aside"
        );
        std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }

    #[test]
    fn the_state_file_keeps_its_bytes() {
        let path = scratch("bytes");
        let mut state = State::default();
        state.hints_shown.insert("run_helper".into(), 2);
        state.hints_shown.insert("a_first".into(), 1);
        state.save(&path).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            r#"{
  "hints_shown": {
    "a_first": 1,
    "run_helper": 2
  }
}"#
        );
        std::fs::write(&path, b"{}").unwrap();
        assert!(
            State::load(&path).hints_shown.is_empty(),
            "a field may be missing"
        );
        std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }
}
