//! `cargo bench --bench batch [-- N]`: a whole company's plans in one run. Generates N
//! monthly plans (default 1,000: regions of the monthly reference plan, each with its own
//! name, organisation and owners), renders the folder to md + html + pdf with the release
//! binary, and reports the time, plans per second and the peak memory (through
//! `/usr/bin/time` when it is installed).

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

fn main() {
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(1000);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let base = std::fs::read_to_string(root.join("plans/monthly-battle-plan.yaml"))
        .expect("plans/monthly-battle-plan.yaml");
    let dir = std::env::temp_dir().join(format!("planwright-batch-bench-{n}"));
    let _ = std::fs::remove_dir_all(&dir);
    let plans = dir.join("plans");
    for i in 0..n {
        let region = format!("r{:03}", i / 10);
        let folder = plans.join(&region);
        std::fs::create_dir_all(&folder).expect("create plan folder");
        let text = base
            .replacen(
                "title: 1月年货节销售作战策划",
                &format!("title: 1月年货节销售作战策划（第{i}组）"),
                1,
            )
            .replace("山野食集食品有限公司", &format!("山野食集{region}分公司"));
        std::fs::write(folder.join(format!("team-{i:04}.yaml")), text).expect("write plan");
    }
    let bin = env!("CARGO_BIN_EXE_planwright");
    let out = dir.join("out");
    let time_tool = std::path::Path::new("/usr/bin/time").exists();
    let mut cmd = if time_tool {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "%M %U %S"]).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    cmd.arg("render").arg(&plans).arg("-o").arg(&out).arg("-q");
    let t = Instant::now();
    let o = cmd.output().expect("run planwright");
    let secs = t.elapsed().as_secs_f64();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // `/usr/bin/time`: peak resident memory (KB), user and system CPU seconds
    let stderr = String::from_utf8_lossy(&o.stderr);
    let fields: Vec<f64> = stderr
        .lines()
        .last()
        .map(|l| l.split_whitespace().filter_map(|w| w.parse().ok()).collect())
        .unwrap_or_default();
    let (peak, cpu) = match fields.as_slice() {
        [kb, user, sys] => (format!("{:.0} MB", kb / 1024.0), format!("{:.1} s", user + sys)),
        _ => ("(install /usr/bin/time)".into(), "?".into()),
    };
    let written = std::fs::read_dir(&out).map(|d| d.count()).unwrap_or(0);
    println!(
        "{n} monthly plans, md + html + pdf: {secs:.2} s wall, {cpu} CPU, {:.0} plans/s, peak memory {peak} ({written} region folders, {} threads)",
        n as f64 / secs,
        std::thread::available_parallelism().map_or(1, |p| p.get())
    );
    let _ = std::fs::remove_dir_all(&dir);
}
