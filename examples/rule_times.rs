use seams::model::generate::synthetic;
use seams::model::{RuleId, RuleLevel};
use std::time::Instant;
fn main() {
    let d = synthetic(10_000, 42);
    let total = seams::rules::check_with(&d, false);
    println!("findings {}", total.findings.len());
    let mut counts = std::collections::BTreeMap::new();
    for f in &total.findings { *counts.entry(f.rule.as_str()).or_insert(0) += 1; }
    println!("{counts:?}");
    for &rule in RuleId::ALL {
        let mut one = d.clone();
        for &other in RuleId::ALL { if other != rule { one.settings.rules.insert(other, RuleLevel::Off); } }
        let mut best = f64::MAX;
        for _ in 0..30 { let t = Instant::now(); let r = seams::rules::check_with(&one, false); std::hint::black_box(r); best = best.min(t.elapsed().as_secs_f64()); }
        println!("{:32} {:.3} ms", rule.as_str(), best * 1e3);
    }
    let t = Instant::now(); let a = seams::rules::Analysis::new(&d); println!("analysis {:.3}", t.elapsed().as_secs_f64()*1e3);
    let t = Instant::now(); let g = a.foothold_groups(); println!("groups {} {:.3}", g.len(), t.elapsed().as_secs_f64()*1e3);
    let a = seams::rules::Analysis::new(&d);
    let t = Instant::now(); let c = a.coupling(); println!("coupling {} {} {:.3}", c.lockstep.len(), c.cycles.len(), t.elapsed().as_secs_f64()*1e3);
    println!("radius sizes {:?}", g.iter().map(|g| g.radius.len()).filter(|&n| n > 100).collect::<Vec<_>>());
}
#[allow(dead_code)]
fn extra() {}
