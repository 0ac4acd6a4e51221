// Written by ocaq at every build (src/render/cms_components.js): the site's
// components as Decap CMS editor components, so an editor inserts a photo with a
// caption, a video, a document, the donate or the contact box with the + button
// of the text field, and the CMS writes the fenced block ocaq reads:
//
//   ```figure
//   image: garden.jpg
//   alt: Children in the garden
//   ```
//
// The list below comes from the theme (components marked {"markdown": true}), with
// the fields ocaq checks. This is a file of its own because /admin/'s policy runs
// scripts from the site and unpkg only, never inline.
'use strict';
(() => {
  const COMPONENTS = /*COMPONENTS*/[];
  const CMS = window.CMS;
  if (!CMS || typeof CMS.registerEditorComponent !== 'function') return;

  // A value as YAML: plain when it cannot be misread, else in double quotes (JSON's
  // string syntax is YAML's), so `alt: Bakı: 2019` never breaks the block.
  const plain = /^[^\s"'#&*!|>%@`{}[\],?:-][^#:"\n]*$/;
  const reserved = /^(true|false|yes|no|on|off|null|~|[-+.\d][\d._:eE+-]*)$/i;
  const scalar = (v) => {
    const s = String(v);
    return plain.test(s) && s === s.trim() && !reserved.test(s) ? s : JSON.stringify(s);
  };
  // One level of `name: value` lines, as the block holds them.
  const read = (text) => {
    const data = {};
    for (const line of text.split('\n')) {
      const m = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
      if (!m) continue;
      let v = m[2].trim();
      if (v.startsWith('"')) {
        try { v = JSON.parse(v); } catch { /* kept as written */ }
      } else if (v.startsWith("'") && v.endsWith("'")) {
        v = v.slice(1, -1).replace(/''/g, "'");
      } else if (v === 'true' || v === 'false') {
        v = v === 'true';
      }
      data[m[1]] = v;
    }
    return data;
  };
  const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

  for (const c of COMPONENTS) {
    CMS.registerEditorComponent({
      id: c.name,
      label: c.label,
      fields: c.fields.map((f) => ({
        name: f.name,
        label: f.name,
        widget: f.widget,
        required: f.required,
        ...(f.widget === 'image' || f.widget === 'file' ? { choose_url: false } : {}),
      })),
      pattern: new RegExp('^```' + c.name + '\\n([\\s\\S]*?)```$', 'm'),
      fromBlock: (match) => read(match[1]),
      toBlock: (data) => {
        const lines = c.fields
          .filter((f) => data[f.name] !== undefined && data[f.name] !== null && data[f.name] !== '')
          .map((f) => `${f.name}: ${typeof data[f.name] === 'boolean' ? data[f.name] : scalar(data[f.name])}`);
        return '```' + c.name + '\n' + lines.map((l) => l + '\n').join('') + '```';
      },
      toPreview: (data) => `<p><strong>${escape(c.label)}</strong>${c.fields
        .filter((f) => data[f.name] !== undefined && data[f.name] !== '')
        .map((f) => `<br>${escape(f.name)}: ${escape(data[f.name])}`)
        .join('')}</p>`,
    });
  }
})();
