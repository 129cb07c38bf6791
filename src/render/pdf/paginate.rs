//! Boxes → pages: fills the body column top to bottom, keeps headings with what follows,
//! never tears a table row, repeats a table's header on every page it spans, and starts a
//! chapter on a new page when little of the page is left (or always, when the theme asks).

use super::flow::{Boxed, Flow};
use super::page::{Elem, Page, PageKind, Placed};
use super::theme::{ChapterBreak, Theme};

/// Pages and where each heading landed.
#[derive(Debug, Clone, PartialEq)]
pub struct Paginated {
    /// Body pages.
    pub pages: Vec<Page>,
    /// Headings with their page (numbered from `first_page`).
    pub headings: Vec<Placed>,
}

struct State<'a> {
    theme: &'a Theme,
    pages: Vec<Page>,
    y: f32,
    empty: bool,
    first_page: usize,
    headings: Vec<Placed>,
}

impl State<'_> {
    fn new_page(&mut self) {
        self.pages.push(Page { kind: PageKind::Body, elems: Vec::new() });
        self.y = 0.0;
        self.empty = true;
    }

    fn room(&self) -> f32 {
        self.theme.body_height() - self.y
    }

    fn place(&mut self, b: &Boxed) {
        if !self.empty {
            self.y += b.space_before;
        }
        let (left, top) = (self.theme.margin_left, self.theme.margin_top + self.y);
        if let Some(m) = &b.mark {
            self.headings.push(Placed {
                level: m.level,
                title: m.title.clone(),
                anchor: m.anchor.clone(),
                page: self.first_page + self.pages.len() - 1,
                y: top,
            });
        }
        let page = self.pages.last_mut().expect("a page is open");
        page.elems.extend(b.elems.iter().cloned().map(|e: Elem| e.shifted(left, top)));
        self.y += b.height;
        self.empty = false;
    }
}

/// Height the boxes from `i` on need to stand together: the chain of keep-with-next
/// boxes (and, with `soft`, keep-soft ones) and the box that ends it.
fn chain_height(flow: &[Flow], i: usize, soft: bool) -> f32 {
    let mut h = 0.0;
    let mut first = true;
    for f in &flow[i..] {
        let b = match f {
            Flow::Box(b) | Flow::TableStart(b) => b,
            Flow::TableEnd => continue,
            Flow::PageBreak | Flow::Chapter => break,
        };
        h += b.height + if first { 0.0 } else { b.space_before };
        first = false;
        if !(b.keep_with_next || soft && b.keep_soft) {
            break;
        }
    }
    h
}

/// Lays the flow onto pages numbered from `first_page`.
///
/// A box goes to a new page when it does not fit, or when the boxes it must stand with
/// (its keep-with-next chain) do not; a soft chain (a table and its chart) moves only from a
/// page at least half full, so a page is never left half empty for it.
pub fn paginate(flow: &[Flow], theme: &Theme, first_page: usize) -> Paginated {
    let mut st =
        State { theme, pages: Vec::new(), y: 0.0, empty: true, first_page, headings: Vec::new() };
    st.new_page();
    let mut header: Option<&Boxed> = None;
    let full = theme.body_height();
    // the last box placed must stand with this one: the chain it opened was judged whole
    let mut chained = false;
    for (i, f) in flow.iter().enumerate() {
        match f {
            Flow::PageBreak => {
                if !st.empty {
                    st.new_page();
                }
                chained = false;
            }
            Flow::Chapter => {
                let always = theme.chapter_break == ChapterBreak::Always;
                if !st.empty && (always || st.room() < theme.chapter_min_room * full) {
                    st.new_page();
                }
                chained = false;
            }
            Flow::TableEnd => header = None,
            Flow::TableStart(b) | Flow::Box(b) => {
                let space = if st.empty { 0.0 } else { b.space_before };
                let fits = |h: f32| space + h.min(full) <= st.room() + 0.01;
                let half_full = st.y >= full * 0.5;
                // inside a chain only the box itself can fail to fit (a chain taller than a
                // page); the soft rule is judged once, where the chain starts
                let move_on = !fits(b.height)
                    || !chained && !fits(chain_height(flow, i, false))
                    || !chained && half_full && !fits(chain_height(flow, i, true));
                if !st.empty && move_on {
                    st.new_page();
                    if b.row
                        && let Some(h) = header
                    {
                        st.place(h);
                    }
                }
                st.place(b);
                chained = b.keep_with_next;
                if let Flow::TableStart(b) = f {
                    header = Some(b);
                }
            }
        }
    }
    if st.pages.last().is_some_and(|p| p.elems.is_empty()) && st.pages.len() > 1 {
        st.pages.pop();
    }
    Paginated { pages: st.pages, headings: st.headings }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::flow::Mark;

    fn bx(h: f32) -> Boxed {
        Boxed::new(
            h,
            vec![Elem::Rect {
                x: 0.0,
                y: 0.0,
                w: 10.0,
                h,
                fill: crate::render::pdf::theme::Rgb::BLACK,
            }],
        )
    }

    fn theme() -> Theme {
        Theme { page_height: 300.0, margin_top: 50.0, margin_bottom: 50.0, ..Theme::default() }
    }

    #[test]
    fn fills_pages_and_never_overflows() {
        let flow: Vec<Flow> = (0..20).map(|_| Flow::Box(bx(30.0))).collect();
        let p = paginate(&flow, &theme(), 3);
        // 200pt of body: 6 boxes a page
        assert_eq!(p.pages.len(), 4);
        for page in &p.pages {
            for e in &page.elems {
                let Elem::Rect { y, h, .. } = e else { continue };
                assert!(*y >= 50.0 && y + h <= 250.01);
            }
        }
    }

    #[test]
    fn a_heading_at_the_foot_moves_to_the_next_page() {
        let mut flow: Vec<Flow> = (0..6).map(|_| Flow::Box(bx(30.0))).collect();
        let mut h = bx(15.0);
        h.keep_with_next = true;
        h.mark = Some(Mark { level: 3, title: "x".into(), anchor: "x".into() });
        flow.push(Flow::Box(h));
        flow.push(Flow::Box(bx(30.0)));
        let p = paginate(&flow, &theme(), 1);
        assert_eq!(p.headings[0].page, 2);
        assert_eq!(p.pages.len(), 2);
    }

    #[test]
    fn table_header_repeats_and_page_breaks_do_not_make_empty_pages() {
        let mut head = bx(20.0);
        head.keep_with_next = true;
        let mut flow = vec![Flow::PageBreak, Flow::TableStart(head)];
        for _ in 0..13 {
            let mut r = bx(30.0);
            r.row = true;
            flow.push(Flow::Box(r));
        }
        flow.push(Flow::TableEnd);
        flow.push(Flow::PageBreak);
        let p = paginate(&flow, &theme(), 1);
        assert_eq!(p.pages.len(), 3);
        for page in &p.pages {
            // every page starts with the 20pt header at the top margin
            let first = page.elems.first().expect("not empty");
            assert!(matches!(first, Elem::Rect { y, h, .. } if *y == 50.0 && *h == 20.0));
        }
    }

    #[test]
    fn a_heading_is_never_left_behind_by_the_soft_rule() {
        // 200pt body: 90pt of text, a heading (15) and a caption (15) that cross the middle,
        // a short table kept whole, softly kept with a 120pt chart that cannot follow
        let mut flow: Vec<Flow> = (0..3).map(|_| Flow::Box(bx(30.0))).collect();
        let mut h = bx(15.0);
        h.keep_with_next = true;
        h.mark = Some(Mark { level: 3, title: "h".into(), anchor: "h".into() });
        flow.push(Flow::Box(h));
        let mut caption = bx(15.0);
        caption.keep_with_next = true;
        flow.push(Flow::Box(caption));
        let mut head = bx(10.0);
        head.keep_with_next = true;
        flow.push(Flow::TableStart(head));
        for k in 0..3 {
            let mut r = bx(10.0);
            r.row = true;
            r.keep_with_next = k < 2;
            r.keep_soft = k == 2;
            flow.push(Flow::Box(r));
        }
        flow.push(Flow::TableEnd);
        let mut chart = bx(120.0);
        chart.chart = true;
        flow.push(Flow::Box(chart));
        let p = paginate(&flow, &theme(), 1);
        // the heading, its caption and the table stand together on page 1; the chart moves
        assert_eq!(p.headings[0].page, 1);
        let rects = |page: &Page| {
            page.elems.iter().filter(|e| matches!(e, Elem::Rect { h, .. } if *h == 10.0)).count()
        };
        assert_eq!(rects(&p.pages[0]), 4, "table header and rows on the heading's page");
        assert_eq!(p.pages.len(), 2);
    }
}
