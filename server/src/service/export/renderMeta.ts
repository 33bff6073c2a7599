import { metaBoxModel } from '../render/metaBoxModel';

/**
 * The lines of the `alphanode post meta` box, without its title, from the box's model
 * (render/metaBoxModel.ts: entries, order, labels, values): each key's label glued to its
 * value (`reading time7`); a map as `  • key: value` lines; a plain list as `  • item`; a
 * list of maps as `    • key: value` lines, item after item.
 */
export function renderMetaBox(meta: Record<string, unknown> | undefined): string[] {
  const lines: string[] = [];
  for (const entry of metaBoxModel(meta)) {
    if (entry.kind === 'value') {
      lines.push(`${entry.label}${entry.text}`);
      continue;
    }
    lines.push(entry.label);
    if (entry.kind === 'map') {
      for (const field of entry.fields) lines.push(`  • ${field.label}: ${field.text}`);
      continue;
    }
    for (const item of entry.items) {
      if (item.kind === 'map') for (const field of item.fields) lines.push(`    • ${field.label}: ${field.text}`);
      else lines.push(`  • ${item.text}`);
    }
  }
  return lines;
}
