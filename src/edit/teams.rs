//! Team edits: add, rename, recolour, remove.

use super::{Edit, EditError};
use crate::model::{Diagram, Team, TeamId, team_palette_color, validate::is_hex_color};

fn position(diagram: &Diagram, id: &str) -> Result<usize, EditError> {
    diagram
        .teams
        .iter()
        .position(|t| t.id.as_str() == id)
        .ok_or_else(|| EditError::Unknown {
            kind: "team",
            id: id.to_owned(),
        })
}

/// Adds a team named `name` with the next palette colour, written out so
/// that removing another team later never changes it.
#[must_use]
pub fn add_team(diagram: &Diagram, name: &str) -> (Edit, TeamId) {
    let name = if name.trim().is_empty() {
        "Team"
    } else {
        name.trim()
    };
    let id = diagram.fresh_id(name, "team");
    let index = diagram.teams.len();
    let team = Team {
        id: TeamId::new(id.clone()),
        name: name.to_owned(),
        color: Some(team_palette_color(index).to_owned()),
    };
    (Edit::InsertTeam { index, team }, TeamId::new(id))
}

/// Renames team `id` (an empty name changes nothing).
pub fn rename_team(diagram: &Diagram, id: &str, name: &str) -> Result<Edit, EditError> {
    let index = position(diagram, id)?;
    let name = name.trim();
    if name.is_empty() || diagram.teams[index].name == name {
        return Ok(Edit::none());
    }
    let mut team = diagram.teams[index].clone();
    name.clone_into(&mut team.name);
    Ok(Edit::ReplaceTeam { index, team })
}

/// Gives team `id` the colour `color` (`#rrggbb`).
pub fn recolor_team(diagram: &Diagram, id: &str, color: &str) -> Result<Edit, EditError> {
    let index = position(diagram, id)?;
    if !is_hex_color(color) {
        return Err(EditError::BadColor(color.to_owned()));
    }
    let color = color.to_ascii_lowercase();
    if diagram.team_color(id) == Some(color.as_str()) && diagram.teams[index].color.is_some() {
        return Ok(Edit::none());
    }
    let mut team = diagram.teams[index].clone();
    team.color = Some(color);
    Ok(Edit::ReplaceTeam { index, team })
}

/// Removes team `id`; its modules become unowned. Teams after it that take
/// their colour from the palette keep the colour they showed.
pub fn remove_team(diagram: &Diagram, id: &str) -> Result<Edit, EditError> {
    let index = position(diagram, id)?;
    let mut new = diagram.clone();
    for (position, team) in new.teams.iter_mut().enumerate().skip(index + 1) {
        if team.color.is_none() {
            team.color = Some(team_palette_color(position).to_owned());
        }
    }
    new.teams.remove(index);
    for module in &mut new.modules {
        if module.team.as_ref().is_some_and(|t| t.as_str() == id) {
            module.team = None;
        }
    }
    Ok(Edit::between(diagram, &new))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Module, ModuleKind};

    #[test]
    fn removing_a_team_unowns_and_keeps_colours() {
        let mut d = Diagram::new();
        for name in ["Web", "Data"] {
            let team = Team {
                id: TeamId::new(name.to_lowercase()),
                name: name.into(),
                color: None,
            };
            d.teams.push(team);
        }
        let mut m = Module::new("m", "M", ModuleKind::Component);
        m.team = Some(TeamId::new("web"));
        d.modules.push(m);
        let data_colour = d.team_color("data").map(str::to_owned);
        remove_team(&d, "web")
            .expect("exists")
            .apply(&mut d)
            .expect("valid");
        assert_eq!(d.module("m").and_then(|m| m.team.clone()), None);
        assert_eq!(d.team_color("data").map(str::to_owned), data_colour);
    }

    #[test]
    fn colours_must_be_hex() {
        let mut d = Diagram::new();
        let (edit, id) = add_team(&d, "Ops");
        edit.apply(&mut d).expect("valid");
        assert!(recolor_team(&d, id.as_str(), "red").is_err());
        recolor_team(&d, id.as_str(), "#ABCDEF")
            .expect("hex")
            .apply(&mut d)
            .expect("valid");
        assert_eq!(d.team_color("ops"), Some("#abcdef"));
    }
}
