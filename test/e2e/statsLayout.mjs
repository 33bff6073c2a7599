// The meta box's stats row lays out cleanly (issue 15, item 4): run in the page that shows the box
// (page.evaluate / frame.evaluate). Returns what is wrong, in words; [] when nothing is:
//  - a label ("CODE LANGUAGE") or a unit ("views") wraps onto a second line, or is cut off;
//  - a value runs out of its cell (under the next cell's border or error bar).
/* global getComputedStyle */
export function statsLayoutProblems() {
  const problems = [];
  const lineHeight = (element) => parseFloat(getComputedStyle(element).lineHeight) || element.getBoundingClientRect().height;
  for (const cell of document.querySelectorAll('.anp-box .row-stats > .field')) {
    const key = cell.dataset.key || cell.className;
    const cellBox = cell.getBoundingClientRect();
    const style = getComputedStyle(cell);
    const left = cellBox.left + parseFloat(style.paddingLeft) - 0.5;
    const right = cellBox.right - parseFloat(style.paddingRight) + 0.5;
    const label = cell.querySelector('.label');
    if (label) {
      if (label.getBoundingClientRect().height > lineHeight(label) * 1.5) problems.push(`${key}: the label wraps`);
      if (label.scrollWidth > label.clientWidth + 1) problems.push(`${key}: the label is cut off`);
    }
    for (const unit of cell.querySelectorAll('.unit')) if (unit.getClientRects().length > 1) problems.push(`${key}: the unit wraps`);
    const stat = cell.querySelector('.stat');
    if (stat) {
      // Every piece of the value (text and inline boxes) within the cell's padding box.
      const range = document.createRange();
      range.selectNodeContents(stat);
      for (const rect of range.getClientRects()) {
        if (rect.width > 0 && (rect.left < left || rect.right > right)) { problems.push(`${key}: the value runs out of its cell`); break; }
      }
      const unit = stat.querySelector('.unit');
      if (unit && stat.firstChild && stat.firstChild.nodeType === 3) {
        const number = document.createRange();
        number.selectNodeContents(stat.firstChild);
        const [n] = number.getClientRects();
        const [u] = unit.getClientRects();
        if (n && u && Math.abs(n.bottom - u.bottom) > n.height / 2) problems.push(`${key}: the unit is on another line than its number`);
      }
    }
  }
  return problems;
}
