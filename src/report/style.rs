//! The report's style sheet (inline in the report; the per-reason colours come from
//! [`super::legend::reason_rules`]).

/// The rules shared by every report.
pub const CSS: &str = r#"
:root{--fg:#1d2430;--muted:#5f6b7a;--line:#dde2e8;--soft:#f4f6f8;--card:#fff;--bad:#b42318;
font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--soft)}
body{margin:0}
main{max-width:76rem;margin:0 auto;padding:1.5rem 1.25rem 4rem}
h1{font-size:1.6rem;margin:0}
h2{font-size:1.1rem;margin:0 0 .6rem}
.sub{color:var(--muted);margin:.2rem 0 1rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem 1.25rem;margin:0 0 1rem}
.figures{display:flex;flex-wrap:wrap;gap:.75rem 2.25rem}
.figures div{display:flex;flex-direction:column}
.figures b{font-size:1.35rem;font-variant-numeric:tabular-nums}
.figures span{color:var(--muted);font-size:.8rem;text-transform:uppercase;letter-spacing:.04em}
table{border-collapse:collapse;width:100%}
th{text-align:left;font-weight:600;color:var(--muted);font-size:.78rem;text-transform:uppercase;letter-spacing:.04em;border-bottom:1px solid var(--line);padding:.3rem .6rem}
td{padding:.22rem .6rem;border-bottom:1px solid var(--soft);vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.unused{color:var(--muted);font-size:.85rem;margin:.75rem 0 0;line-height:1.9}
.unused .tag{opacity:.6}
.legend table{font-size:.9rem}
.toc table{font-size:.88rem}
.toc td.id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.8rem;white-space:nowrap}
a{color:#175cd3;text-decoration:none}
a:hover{text-decoration:underline}
.tag,.rows b{display:inline-block;font:600 .72rem/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:0 .45em;border-radius:4px;color:var(--rc,#475467);background:var(--rt,#f2f4f7);border:1px solid var(--rc,#98a2b3);white-space:nowrap;text-decoration:none}
.chips{display:flex;flex-wrap:wrap;gap:.35rem;margin:.5rem 0 .8rem}
.doc{background:var(--card);border:1px solid var(--line);border-radius:10px;margin:0 0 1rem}
.doc>details>summary{display:flex;align-items:baseline;gap:.75rem;padding:.75rem 1.25rem;cursor:pointer;list-style:none;border-bottom:1px solid transparent}
.doc>details[open]>summary{border-bottom-color:var(--line)}
.doc>details>summary::-webkit-details-marker{display:none}
.doc>details>summary::before{content:"\25B8";color:var(--muted)}
.doc>details[open]>summary::before{content:"\25BE"}
.doc summary h2{margin:0;font-size:1.08rem;flex:1}
.doc summary h2 small{display:block;font:400 .78rem/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted)}
.doc summary .n{color:var(--muted);font-variant-numeric:tabular-nums}
.doc summary .sum{color:var(--muted);font-size:.85rem;white-space:nowrap}
.doc .body{padding:.75rem 1.25rem 1rem}
.untitled{color:var(--muted);font-style:italic;font-weight:400}
.err summary .sum,.bad{color:var(--bad);font-weight:600}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:0;font-size:.88rem}
dl.meta dt{color:var(--muted)}
dl.meta dd{margin:0;word-break:break-word}
.rows{border-top:1px solid var(--soft)}
.rows p,.rows div{display:grid;grid-template-columns:2.6rem 9.5rem minmax(0,1fr);column-gap:.75rem;margin:0;padding:.28rem .5rem;border-left:3px solid transparent}
.rows i{grid-column:1;font:normal .72rem/2 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#98a2b3;text-align:right}
.rows b{grid-column:2;justify-self:start;align-self:start}
.rows span,.rows del{grid-column:3;white-space:pre-wrap;overflow-wrap:anywhere}
.rows div pre,.rows div table{grid-column:3;margin:0;overflow-x:auto}
.rows div pre{font:.82rem/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre;background:#f8f9fb;padding:.4rem .6rem;border-radius:4px}
.rows div table{border-collapse:collapse;font-size:.85rem}
.rows div th,.rows div td{border:1px solid var(--line);padding:.15rem .5rem;text-align:left;vertical-align:top}
.rows p.x{background:var(--rt);border-left-color:var(--rc);margin:1px 0}
.rows del{color:#667085;text-decoration:line-through;text-decoration-color:var(--rc);text-decoration-thickness:1.5px}
.rows del:empty::before{content:"(blank line)";font-style:italic}
.rows p.h span{font-weight:700;font-size:1.02rem}
.rows p.li span::before{content:"\2022\00a0\00a0";color:var(--muted)}
.rows p.q span{font-style:italic;border-left:3px solid var(--line);padding-left:.75rem}
.rows p.t span{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.82rem}
@media (max-width:700px){.rows p,.rows div{grid-template-columns:2.2rem minmax(0,1fr)}.rows b{grid-column:2}.rows span,.rows del,.rows div pre,.rows div table{grid-column:2}}
"#;
