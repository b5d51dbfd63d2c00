//! The images a signature draws, kept with the presets: the person's handwritten signature
//! with the signer preset of that person, the agency's seal with the agency preset (schema
//! version 5, table `preset_images`).
//!
//! Which preset: the one whose signer (or agency) is the report's, so that a report signed by
//! the vice-chairman does not take the chairman's signature; a report with no signer (or no
//! agency name) takes the default preset's. Keeping an image for a report whose signer has no
//! preset yet makes one from the report, as "Lưu thành mẫu" would.

use rusqlite::{params, OptionalExtension};

use super::presets::{AgencyProfile, Preset, PresetKind};
use super::{now_ms, storage_err, Store};
use crate::error::Result;
use crate::model::Report;
use crate::sign::Role;

/// An image kept with a preset.
#[derive(Debug, Clone)]
pub struct SignImage {
    pub preset_id: i64,
    /// The preset's name, to tell the user where the image is kept.
    pub preset_name: String,
    pub png: Vec<u8>,
}

fn kind(role: Role) -> PresetKind {
    match role {
        Role::CaNhan => PresetKind::Signer,
        Role::CoQuan => PresetKind::Agency,
    }
}

/// Whether `p` is the preset of `report`'s signer (or agency).
fn is_reports(p: &Preset, report: &Report) -> bool {
    match p {
        Preset::Signer(s) => {
            !s.name.trim().is_empty() && s.name.trim() == report.signer.name.trim()
        }
        Preset::Agency(a) => !a.name_lines.is_empty() && a.name_lines == report.issuer.name_lines,
        _ => false,
    }
}

fn has_own(report: &Report, role: Role) -> bool {
    match role {
        Role::CaNhan => !report.signer.name.trim().is_empty(),
        Role::CoQuan => !report.issuer.name_lines.is_empty(),
    }
}

impl Store {
    /// The preset `report`'s image for `role` belongs with: (id, name).
    fn image_preset(&self, report: &Report, role: Role) -> Result<Option<(i64, String)>> {
        let list = self.list_presets(Some(kind(role)))?;
        if let Some(p) = list.iter().find(|p| is_reports(&p.preset, report)) {
            return Ok(Some((p.id, p.name.clone())));
        }
        if has_own(report, role) {
            return Ok(None);
        }
        Ok(list
            .iter()
            .find(|p| p.is_default)
            .map(|p| (p.id, p.name.clone())))
    }

    /// The signature image (person) or seal image (organisation) kept for `report`, if any.
    pub fn sign_image(&self, report: &Report, role: Role) -> Result<Option<SignImage>> {
        let Some((id, name)) = self.image_preset(report, role)? else {
            return Ok(None);
        };
        let png: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT png FROM preset_images WHERE preset_id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| storage_err("đọc hình chữ ký", &e))?;
        Ok(png.map(|png| SignImage {
            preset_id: id,
            preset_name: name,
            png,
        }))
    }

    /// Keeps `png` as `report`'s signature (person) or seal (organisation) image, with the
    /// matching preset, made from the report when there is none. The caller has checked the PNG.
    pub fn keep_sign_image(
        &mut self,
        report: &Report,
        role: Role,
        png: &[u8],
    ) -> Result<SignImage> {
        let (id, name) = match self.image_preset(report, role)? {
            Some(found) => found,
            None => {
                let (name, preset) = match role {
                    Role::CaNhan => (
                        report.signer.name.trim().to_string(),
                        Preset::Signer(report.signer.clone()),
                    ),
                    Role::CoQuan => (
                        report.issuer.name_lines.join(" "),
                        Preset::Agency(AgencyProfile {
                            parent: report.issuer.parent.clone(),
                            name_lines: report.issuer.name_lines.clone(),
                            symbol_suffix: report
                                .issuer
                                .symbol
                                .split_once('-')
                                .map(|(_, s)| s.to_string())
                                .unwrap_or_default(),
                            place: report.place.clone(),
                        }),
                    ),
                };
                let name = if name.is_empty() {
                    match role {
                        Role::CaNhan => "Người ký".to_string(),
                        Role::CoQuan => "Cơ quan".to_string(),
                    }
                } else {
                    name
                };
                (self.add_preset(&name, &preset)?, name)
            }
        };
        self.conn
            .execute(
                "INSERT INTO preset_images(preset_id, png, modified) VALUES(?1, ?2, ?3)
                 ON CONFLICT(preset_id) DO UPDATE SET png = excluded.png, modified = excluded.modified",
                params![id, png, now_ms()],
            )
            .map_err(|e| storage_err("lưu hình chữ ký", &e))?;
        Ok(SignImage {
            preset_id: id,
            preset_name: name,
            png: png.to_vec(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Signer;

    fn report(signer: &str) -> Report {
        let mut r = Report {
            signer: Signer {
                name: signer.into(),
                ..Signer::default()
            },
            ..Report::default()
        };
        r.issuer.name_lines = vec!["ỦY BAN NHÂN DÂN".into(), "PHƯỜNG BẠCH MAI".into()];
        r.issuer.symbol = "BC-UBND".into();
        r
    }

    #[test]
    fn each_signer_keeps_their_own_signature_and_the_agency_its_seal() {
        let tmp = tempfile::tempdir().unwrap();
        let mut store = Store::open(tmp.path()).unwrap();
        let an = report("Nguyễn Văn An");
        let binh = report("Trần Thị Bình");
        assert!(store.sign_image(&an, Role::CaNhan).unwrap().is_none());
        let kept = store
            .keep_sign_image(&an, Role::CaNhan, b"chu-ky-an")
            .unwrap();
        assert_eq!(kept.preset_name, "Nguyễn Văn An");
        store
            .keep_sign_image(&an, Role::CoQuan, b"con-dau")
            .unwrap();
        // Another signer does not take An's signature, but shares the agency's seal.
        assert!(store.sign_image(&binh, Role::CaNhan).unwrap().is_none());
        assert_eq!(
            store.sign_image(&binh, Role::CoQuan).unwrap().unwrap().png,
            b"con-dau"
        );
        // Replaced, not doubled; kept across a reopen.
        store
            .keep_sign_image(&an, Role::CaNhan, b"chu-ky-moi")
            .unwrap();
        drop(store);
        let mut store = Store::open(tmp.path()).unwrap();
        assert_eq!(
            store.sign_image(&an, Role::CaNhan).unwrap().unwrap().png,
            b"chu-ky-moi"
        );
        assert_eq!(
            store.list_presets(Some(PresetKind::Signer)).unwrap().len(),
            1
        );
        // Removing the preset removes its image.
        store.delete_preset(kept.preset_id).unwrap();
        assert!(store.sign_image(&an, Role::CaNhan).unwrap().is_none());
    }
}
