//! Writing answers: the JSON string escape every text of every response goes through
//! (`salesgate_core::error::push_json_string`), on W3-like message texts, and the ISO 8601
//! text of every timestamp (`Timestamp::write_iso8601`) (issue 12).

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    divan::main();
}

#[cfg(not(target_arch = "wasm32"))]
mod json {
    use salesgate_core::error::push_json_string;

    /// A seller's answer: Cyrillic and ASCII, a line break, a quote (what W3's 50 messages hold).
    const MESSAGE: &str = "Добрый день! Масляный фильтр MANN W 712/75 для VIN XW8ZZZ61ZEG061733 есть в наличии, \
                           цена 890 ₽.\nДоставка завтра до 18:00, самовывоз — сегодня. Ответьте \"да\", чтобы оформить.";

    /// One message text, escaped into a reused buffer.
    #[divan::bench]
    fn message_text(bencher: divan::Bencher) {
        let mut out = String::with_capacity(4096);
        bencher.counter(divan::counter::BytesCount::new(MESSAGE.len())).bench_local(|| {
            out.clear();
            push_json_string(&mut out, divan::black_box(MESSAGE));
            out.len()
        });
    }

    /// A short ASCII value (ids, enums, names).
    #[divan::bench]
    fn short_ascii(bencher: divan::Bencher) {
        let mut out = String::with_capacity(64);
        bencher.bench_local(|| {
            out.clear();
            push_json_string(&mut out, divan::black_box("whatsapp_personal"));
            out.len()
        });
    }

    /// A message's `createdAt` (W3 writes one or two per message).
    #[divan::bench]
    fn timestamp(bencher: divan::Bencher) {
        let mut out = String::with_capacity(64);
        let t = salesgate_core::time::Timestamp(1_764_683_045_123_456);
        bencher.bench_local(|| {
            out.clear();
            divan::black_box(t).write_iso8601(&mut out);
            out.len()
        });
    }
}
