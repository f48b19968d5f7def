//! `specc_syntax::edit` on arbitrary documents: every edit it makes to a clean document leaves it
//! clean (no syntax finding), whatever the layout.
#![no_main]

use libfuzzer_sys::fuzz_target;
use specc_syntax::edit::{
    apply, delete_element, delete_member, insert_element, insert_member, replace_element, replace_member, Place,
};
use specc_syntax::{Document, FileId, Node, Value};

fn containers<'a>(node: &'a Node, out: &mut Vec<&'a Node>) {
    match &node.value {
        Value::Object(members) => {
            out.push(node);
            members.iter().for_each(|m| containers(&m.value, out));
        }
        Value::Array(items) => {
            out.push(node);
            items.iter().for_each(|i| containers(i, out));
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let name = if selector % 2 == 0 { "a.json" } else { "a.yaml" };
    let doc = Document::parse(FileId(0), name, rest);
    if !doc.diagnostics.is_empty() {
        return;
    }
    let Some(root) = doc.root.as_ref() else { return };
    let mut all = Vec::new();
    containers(root, &mut all);
    let Some(node) = all.get(usize::from(selector / 2) % all.len().max(1)) else { return };
    let span = doc.span(node.range);
    let mut edits = vec![
        insert_member(&doc, span, Place::First, "k0", "{}"),
        insert_member(&doc, span, Place::Last, "k1", "[]"),
        insert_element(&doc, span, Place::First, "1"),
        insert_element(&doc, span, Place::Last, "\"x\""),
    ];
    if let Some(m) = node.as_object().and_then(|ms| ms.first()) {
        edits.push(delete_member(&doc, doc.span(m.key_range)));
        edits.push(replace_member(&doc, doc.span(m.key_range), "k2", "true"));
    }
    if let Some(i) = node.as_array().and_then(|items| items.last()) {
        edits.push(delete_element(&doc, doc.span(i.range)));
        edits.push(replace_element(&doc, doc.span(i.range), "null"));
    }
    for edit in edits.into_iter().flatten() {
        let fixed = apply(&doc.text, std::slice::from_ref(&edit));
        let re = Document::parse(FileId(0), name, fixed.as_bytes());
        assert!(re.diagnostics.is_empty(), "{edit:?} broke the document:\n{fixed}\n{:?}", re.diagnostics);
    }
});
