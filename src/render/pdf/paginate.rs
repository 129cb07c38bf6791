//! Boxes → pages: fills the body column top to bottom, keeps headings with what follows,
//! never tears a table row, repeats a table's header on every page it spans, and starts
//! chapters on a new page when asked.

use super::flow::{Boxed, Flow};
use super::page::{Elem, Page, PageKind, Placed};
use super::theme::Theme;

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
/// boxes and the box that ends it.
fn chain_height(flow: &[Flow], i: usize) -> f32 {
    let mut h = 0.0;
    let mut first = true;
    for f in &flow[i..] {
        let b = match f {
            Flow::Box(b) | Flow::TableStart(b) => b,
            Flow::TableEnd => continue,
            Flow::PageBreak => break,
        };
        h += b.height + if first { 0.0 } else { b.space_before };
        first = false;
        if !b.keep_with_next {
            break;
        }
    }
    h
}

/// Lays the flow onto pages numbered from `first_page`.
pub fn paginate(flow: &[Flow], theme: &Theme, first_page: usize) -> Paginated {
    let mut st =
        State { theme, pages: Vec::new(), y: 0.0, empty: true, first_page, headings: Vec::new() };
    st.new_page();
    let mut header: Option<&Boxed> = None;
    let full = theme.body_height();
    for (i, f) in flow.iter().enumerate() {
        match f {
            Flow::PageBreak => {
                if !st.empty {
                    st.new_page();
                }
            }
            Flow::TableEnd => header = None,
            Flow::TableStart(b) | Flow::Box(b) => {
                let space = if st.empty { 0.0 } else { b.space_before };
                let need = space + chain_height(flow, i).min(full);
                let own = space + b.height;
                if !st.empty && (need > st.room() + 0.01 || own > st.room() + 0.01) {
                    st.new_page();
                    if b.row
                        && let Some(h) = header
                    {
                        st.place(h);
                    }
                }
                st.place(b);
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
        Boxed {
            height: h,
            space_before: 0.0,
            keep_with_next: false,
            elems: vec![Elem::Rect {
                x: 0.0,
                y: 0.0,
                w: 10.0,
                h,
                fill: crate::render::pdf::theme::Rgb::BLACK,
            }],
            mark: None,
            row: false,
        }
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
}
