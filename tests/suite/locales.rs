//! Traditional Chinese (`zh-TW`, `zh-HK`) and the world's currencies, end to end: the
//! tool's own words in Traditional characters (every label and message), the Traditional
//! reference plan in all three formats, the author's words never converted between scripts,
//! and the currency rules (any ISO code, no minor unit for the yen, no mixing).

#![allow(clippy::unwrap_used)]

use crate::common;

use std::collections::HashSet;

use common::{root, run, scratch, tables};
use planwright::messages::Catalog;
use planwright::model::Locale;
use planwright::templates::Templates;

/// Characters used only in Simplified Chinese (`tests/suite/data/simplified-only.txt`, made from
/// OpenCC's table by `tests/suite/data/make-simplified-only.py`).
/// OpenCC keeps `万` as a Traditional character too (the surname 万俟); in a figure it is
/// always the Simplified `萬`, so the tool's Traditional words must not use it either.
fn simplified_only() -> HashSet<char> {
    include_str!("data/simplified-only.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::chars)
        .chain(['万'])
        .collect()
}

/// What is wrong with the Traditional words of `templates` and of the catalogs: a label or
/// message without `zh-TW` or `zh-HK` text, or with a Simplified-only character in it.
fn problems(templates: &Templates, simplified: &HashSet<char>) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |what: String, text: &str| {
        let bad: String = text.chars().filter(|c| simplified.contains(c)).collect();
        if !bad.is_empty() {
            out.push(format!("{what} has Simplified characters {bad}: {text}"));
        }
    };
    let mut missing = Vec::new();
    for (key, by) in templates.label_table() {
        for tag in ["zh-TW", "zh-HK"] {
            match by.get(tag) {
                Some(text) => check(format!("label `{key}` ({tag})"), text),
                None => missing.push(format!("label `{key}` has no {tag} text")),
            }
        }
    }
    let zh = Catalog::new(Locale::ZhCn);
    let en = Catalog::new(Locale::En);
    let keys: HashSet<&str> = zh.keys().chain(en.keys()).collect();
    for locale in [Locale::ZhTw, Locale::ZhHk] {
        let cat = Catalog::new(locale);
        for key in &keys {
            match cat.raw(key) {
                Some(text) => check(format!("message `{key}` ({})", locale.tag()), text),
                // a unit word of English only (`money.e6` = `M`) is no missing translation
                None if zh.raw(key).is_none() && key.starts_with("money.") => {}
                None => missing.push(format!("message `{key}` has no {} text", locale.tag())),
            }
        }
    }
    out.extend(missing);
    out.sort();
    out
}

/// Every label and message has its `zh-TW` and `zh-HK` text, and none of them holds a
/// character that only Simplified Chinese writes: a Traditional report never falls back to
/// Simplified, silently or not.
#[test]
fn the_tools_traditional_words_are_complete_and_have_no_simplified_character() {
    let simplified = simplified_only();
    assert!(simplified.len() > 3000, "the table did not load");
    assert!(simplified.contains(&'说') && simplified.contains(&'亿') && simplified.contains(&'万'));
    assert!(
        !simplified.contains(&'后') && !simplified.contains(&'台') && !simplified.contains(&'說')
    );
    let found = problems(&Templates::load(None).unwrap(), &simplified);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The check itself fails on what it is there to catch: a label override with Simplified
/// text and a label with no Traditional text at all.
#[test]
fn the_simplified_check_catches_simplified_and_missing_labels() {
    let dir = scratch("locales-bad-labels");
    std::fs::write(
        dir.join("labels.yaml"),
        "summary: { zh-TW: 执行摘要, zh-HK: 執行摘要 }\nnew_key: { zh-CN: 新标签, en: New }\n",
    )
    .unwrap();
    let found = problems(&Templates::load(Some(&dir)).unwrap(), &simplified_only());
    assert!(
        found.iter().any(|p| p.contains("label `summary` (zh-TW)") && p.contains("执")),
        "{found:?}"
    );
    assert!(found.iter().any(|p| p == "label `new_key` has no zh-TW text"), "{found:?}");
    assert!(!found.iter().any(|p| p.contains("(zh-HK)")), "{found:?}");
}

/// A label with no Traditional text is shown in Simplified only with a warning, which
/// `--strict` turns into a failure.
#[test]
fn a_label_without_traditional_text_is_a_warning_never_silent() {
    let dir = scratch("locales-untranslated");
    let labels = "extra: { zh-CN: 附加说明, en: Notes }\n";
    std::fs::write(dir.join("labels.yaml"), labels).unwrap();
    let plan = root().join("plans/annual-online-sales-plan-tw.yaml");
    let args = ["render", plan.to_str().unwrap(), "-f", "md", "--templates", "."];
    let o = run(&dir, &args);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.contains("標籤 `extra` 沒有 zh-TW 文字"), "{stderr}");
    let strict = run(&dir, &[&args[..], &["--strict"]].concat());
    assert!(!strict.status.success(), "--strict must fail on it");
}

/// The Traditional reference plan in all three formats with `--strict`: every word the tool
/// adds is Traditional (the whole Markdown has no Simplified-only character, as the plan
/// itself has none), in Taiwan's usage, with 萬/億 and NT$ figures and the HTML and SVG
/// in `zh-Hant-TW`.
#[test]
fn the_traditional_reference_plan_renders_in_traditional_characters() {
    let out = scratch("locales-tw");
    let plan = root().join("plans/annual-online-sales-plan-tw.yaml");
    let o =
        run(&root(), &["render", plan.to_str().unwrap(), "-o", out.to_str().unwrap(), "--strict"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success() && stderr.trim().is_empty(), "{stderr}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("已寫入"), "messages in zh-TW");
    let dir = out.join("annual-online-sales-plan-tw");
    let md = std::fs::read_to_string(dir.join("annual-online-sales-plan-tw.md")).unwrap();
    let simplified = simplified_only();
    let source = std::fs::read_to_string(&plan).unwrap();
    assert!(!source.chars().any(|c| simplified.contains(&c)), "the plan itself is Traditional");
    let bad: String = md.chars().filter(|c| simplified.contains(c)).collect();
    assert!(bad.is_empty(), "Simplified characters in the report: {bad}");
    // chapter titles and Taiwan's words
    for words in
        ["## 一、執行摘要", "## 五、銷售目標", "### （三）通路規劃", "資料", "營收", "簽核"]
    {
        assert!(md.contains(words), "{words}");
    }
    // money in NT$ with 萬/億, tables in 新臺幣萬元, points in 個百分點
    for figure in ["| NT$5億 |", "年度銷售目標：NT$5億", "金額（新臺幣萬元）", "+0.7個百分點"]
    {
        assert!(md.contains(figure), "{figure}");
    }
    // the v1.1 chapters and the forecast speak Taiwan's Traditional too
    for words in [
        "### （二）短中長期目標",
        "產品組合合計營收NT$5億，毛利NT$2.05億，加權毛利率41.1%。",
        "| 首購新客 | 滲透定價法 | -15.0% |",
        "全流程轉換率3.51%",
        "## 八、客戶經營與服務",
        "ROI = 營收 ÷ 活動預算",
        "應急預算合計NT$330萬，佔預算總額NT$3,500萬的9.4%。",
        "### （二）人員招募",
        "招募完成後，團隊由51人增至59人（新增8人）。",
        "超額累進，各檔比例只適用於該檔區間內的營收，封頂NT$250萬。",
        "按線性趨勢（最小平方法）擬合近4年營收",
        "單靠趨勢達不到",
    ] {
        assert!(md.contains(words), "{words}");
    }
    assert_no_simplified(&dir, &simplified);
    let t = tables(&md);
    common::assert_row(&t, &["營收", "NT$4.2億", "NT$5.0億", "+19.0%"]);
    // the promotions' budget and return, totalled
    common::assert_row(&t, &["合計", "1,170", "24,500", "20.9"]);
    common::assert_row(&t, &["Q4", "16,000", "32.0%", "50,000"]);
    let html = std::fs::read_to_string(dir.join("annual-online-sales-plan-tw.html")).unwrap();
    assert!(html.contains("<html lang=\"zh-Hant-TW\">"), "HTML language");
    assert!(html.contains("xml:lang=\"zh-Hant-TW\""), "inline charts say their language");
    let svg = std::fs::read_to_string(dir.join("charts/targets.svg")).unwrap();
    assert!(svg.contains("lang=\"zh-Hant-TW\"") && svg.contains("'Noto Sans TC'"), "SVG");
    assert!(!svg.contains("Noto Sans SC"), "no Simplified face in a Traditional chart");
    assert!(dir.join("annual-online-sales-plan-tw.pdf").is_file());
}

/// No Simplified-only character in a report's Markdown, HTML or any of its charts.
fn assert_no_simplified(dir: &std::path::Path, simplified: &HashSet<char>) {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .chain(std::fs::read_dir(dir.join("charts")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md" || x == "html" || x == "svg"))
        .collect();
    files.sort();
    assert!(files.len() > 5, "{files:?}");
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let bad: String = text.chars().filter(|c| simplified.contains(c)).collect();
        assert!(bad.is_empty(), "{}: Simplified characters {bad}", f.display());
    }
}

/// The Hong Kong reference plan (a monthly plan with daily actuals and 27 months of history)
/// with `--strict`: pacing, the seasonal forecast and the v1.1 chapters in Hong Kong's
/// Traditional (轉化率, 招聘, 計劃, HK$ with 萬); the same plan read as `zh-TW` takes
/// Taiwan's words for the tool's own text and keeps the author's.
#[test]
fn the_hong_kong_monthly_plan_paces_and_forecasts_in_traditional() {
    let simplified = simplified_only();
    let plan = root().join("plans/monthly-battle-plan-hk.yaml");
    let source = std::fs::read_to_string(&plan).unwrap();
    assert!(!source.chars().any(|c| simplified.contains(&c)), "the plan itself is Traditional");
    let out = scratch("locales-hk");
    std::fs::write(out.join("hk.yaml"), &source).unwrap();
    let as_tw = source.replace("locale: zh-HK", "locale: zh-TW");
    assert_ne!(as_tw, source);
    std::fs::write(out.join("tw.yaml"), as_tw).unwrap();
    // the same sentences in each: Hong Kong writes `HK$400萬`, Taiwan `400萬港幣`
    let hk = [
        "截至2026年1月16日（第16天，共31天），本月累計銷售HK$180萬，完成目標HK$400萬的45.0%",
        "按目前日均，月底預計HK$349萬",
        "目標HK$400萬中須由漏斗帶來70.0%，即HK$280萬",
        "全流程轉化率0.199%",
        "應急預算合計HK$6.5萬",
        "### （二）人員招聘",
        "## 七、執行計劃",
    ];
    let tw = [
        "截至2026年1月16日（第16天，共31天），本月累計銷售180萬港幣，完成目標400萬港幣的45.0%",
        "按目前日均，月底預計349萬港幣",
        "目標400萬港幣中須由漏斗帶來70.0%，即280萬港幣",
        "全流程轉換率0.199%",
        "應急預算合計6.5萬港幣",
        "### （二）人員招募",
        "## 七、執行計畫",
    ];
    let both =
        ["按季節分解（MSTL，12個月週期）", "金額類指標按時間進度判斷狀態。", "企業福利訂購季"];
    for (name, lang, words) in [("hk", "zh-Hant-HK", hk), ("tw", "zh-Hant-TW", tw)] {
        let o = run(&out, &["render", &format!("{name}.yaml"), "--strict"]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success() && stderr.trim().is_empty(), "{name}: {stderr}");
        let dir = out.join(format!("output/{name}"));
        let md = std::fs::read_to_string(dir.join(format!("{name}.md"))).unwrap();
        for w in words.iter().chain(&both) {
            assert!(md.contains(w), "{name}: {w} not in the report");
        }
        let html = std::fs::read_to_string(dir.join(format!("{name}.html"))).unwrap();
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{name}: HTML language");
        assert!(dir.join("charts/burnup.svg").is_file(), "{name}: the burn-up chart");
        assert_no_simplified(&dir, &simplified);
    }
}

/// Plan text is the author's: a Simplified plan keeps Traditional words as written, and a
/// Traditional plan keeps Simplified ones; only the tool's words follow the locale.
#[test]
fn the_authors_words_are_never_converted_between_scripts() {
    let dir = scratch("locales-scripts");
    let plan = |locale: &str, title: &str, text: &str| {
        format!(
            "meta: {{ kind: annual, title: {title}, period: \"2026\", locale: {locale}, currency: TWD, money_unit: 萬元 }}\n\
             summary:\n  text: {text}\ntargets:\n  total: 5億\n"
        )
    };
    std::fs::write(dir.join("cn.yaml"), plan("zh-CN", "臺灣線上銷售計畫", "說明：營收目標5億元"))
        .unwrap();
    std::fs::write(dir.join("tw.yaml"), plan("zh-TW", "台湾线上销售计划", "说明：营收目标5亿元"))
        .unwrap();
    for (name, title, text, tool) in [
        ("cn", "# 臺灣線上銷售計畫", "說明：營收目標5億元", "## 一、执行摘要"),
        ("tw", "# 台湾线上销售计划", "说明：营收目标5亿元", "## 一、執行摘要"),
    ] {
        let o = run(&dir, &["render", &format!("{name}.yaml"), "-f", "md", "--strict"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let md = std::fs::read_to_string(dir.join(format!("output/{name}/{name}.md"))).unwrap();
        for want in [title, text, tool] {
            assert!(md.contains(want), "{name}: {want} not in\n{md}");
        }
    }
}

/// Money rules that hold in every locale: the yen has no minor unit, a plan in one currency
/// refuses another, and any ISO code is a currency (a zh-HK plan in HKD reads `HK$`).
#[test]
fn currency_rules_yen_without_decimals_no_mixing_any_iso_code() {
    let dir = scratch("locales-currency");
    let write = |name: &str, meta: &str, total: &str| {
        let text = format!(
            "meta: {{ kind: annual, title: Plan, period: \"2026\", {meta} }}\ntargets:\n  total: \"{total}\"\n"
        );
        std::fs::write(dir.join(format!("{name}.yaml")), text).unwrap();
    };
    write("yen", "locale: en, currency: JPY", "¥1,234.5");
    write("cents", "locale: en, currency: USD", "$1,234.5");
    write("mixed", "locale: zh-TW, currency: TWD", "$300萬");
    write("hk", "locale: zh-HK, currency: HKD, money_unit: 萬元", "HK$1,200萬");
    write("sgd", "locale: en, currency: SGD", "SGD 4.5M");
    let check = |name: &str| run(&dir, &["check", &format!("{name}.yaml")]);
    let yen = check("yen");
    let e = String::from_utf8_lossy(&yen.stderr);
    assert_eq!(yen.status.code(), Some(1), "{e}");
    assert!(e.contains("a fraction of a JPY") && e.contains("whole JPY"), "{e}");
    assert!(check("cents").status.success(), "dollars have cents");
    let mixed = check("mixed");
    let e = String::from_utf8_lossy(&mixed.stderr);
    assert_eq!(mixed.status.code(), Some(1), "{e}");
    assert!(e.contains("幣別混用") && e.contains("TWD"), "{e}");
    for ok in ["hk", "sgd"] {
        let o = run(&dir, &["render", &format!("{ok}.yaml"), "-f", "md", "--strict"]);
        assert!(o.status.success(), "{ok}: {}", String::from_utf8_lossy(&o.stderr));
    }
    let hk = std::fs::read_to_string(dir.join("output/hk/hk.md")).unwrap();
    assert!(hk.contains("HK$1,200萬"), "{hk}");
    let sgd = std::fs::read_to_string(dir.join("output/sgd/sgd.md")).unwrap();
    assert!(sgd.contains("SGD 4.5M"), "{sgd}");
}
