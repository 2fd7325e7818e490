// The timeline's measures and its stylesheet: a light and a dark palette (prefers-color-scheme),
// so the picture is readable on any page, and no font to fetch.

export const FONT = 11; // px, for every label
export const LINE_H = 14; // px between the lines of a label
export const CHAR_W = FONT * 0.6; // a monospace character
export const TIME_W = 58; // the time column
export const PAD = 16;
export const HEADER_H = 96; // title, subtitle, lane boxes

export const AGENT_COLORS = ['a0', 'a1', 'a2', 'a3', 'a4'];

export const STYLE = `
svg{--bg:#fcfcfd;--border:#d9dce1;--fg:#1f2328;--muted:#5b616b;--line:#c3c8cf;--alert:#c0262d;
--user:#1d5fd6;--a0:#7338d9;--a1:#0b7468;--a2:#b6460b;--a3:#b3175a;--a4:#4b7a0c;--room:#4a5668}
@media (prefers-color-scheme:dark){svg{--bg:#1f2026;--border:#3b3e46;--fg:#e7e8ea;--muted:#a3a9b3;
--line:#4b505a;--alert:#ff7b7b;--user:#7fa8ff;--a0:#b89dff;--a1:#43d1c1;--a2:#ff9f62;--a3:#ff82b9;
--a4:#a8dc5e;--room:#a9b6c8}}
text{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace;font-size:${FONT}px;fill:var(--fg)}
.title{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;font-size:15px;font-weight:600}
.sub,.time,.note{fill:var(--muted)}
.note{font-style:italic}
.halo{paint-order:stroke;stroke:var(--bg);stroke-width:4px;stroke-linejoin:round}
.bold{font-weight:700}
.alert{fill:var(--alert)}
.panel{fill:var(--bg);stroke:var(--border)}
.life{stroke:var(--line);stroke-width:1.5;stroke-dasharray:3 4}
.rule{stroke:var(--muted);stroke-width:1}
.scene{stroke:var(--muted);stroke-width:1;stroke-dasharray:6 4}
.close{stroke:var(--fg);stroke-width:1.5}
.head{fill:var(--bg);stroke:var(--c);stroke-width:1.5}
.head-text{fill:var(--c);font-weight:700}
.fill{fill:var(--c)}
.hollow{fill:var(--bg);stroke:var(--c);stroke-width:1.5}
.span{fill:var(--c);fill-opacity:.22;stroke:var(--c);stroke-opacity:.5}
.bar{fill:var(--c);fill-opacity:.13;stroke:var(--c);stroke-width:1}
.cut{stroke-dasharray:4 3}
.arrow{stroke:var(--c);stroke-width:1.5;fill:none}
.arrow-head{fill:var(--c)}
.alert-mark{fill:var(--alert)}
.user{--c:var(--user)}.room{--c:var(--room)}
${AGENT_COLORS.map((c) => `.${c}{--c:var(--${c})}`).join('')}
`.trim();
