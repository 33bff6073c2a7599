/** HTML for the previews: the meta box as the site shows it, standalone or in a webview. */
export { renderMetaBox } from './metaBoxHtml';
export type { MetaBoxHtml, MetaBoxOptions } from './metaBoxHtml';
export { metaBoxDocument } from './document';
export type { StandaloneOptions } from './document';
export { escapeHtml, safeImageUrl } from './escape';
export { META_BOX_CSS } from './styles';
export { renderNotAPost } from './notAPost';
export { renderPage, ROLLBACK_TOGGLE_ID } from './pageHtml';
export type { PageHtml, PageOptions } from './pageHtml';
export { metaBoxModel } from './metaBoxModel';
export type { MetaBoxEntry, MetaBoxField, MetaBoxItem } from './metaBoxModel';
export { PAGE_CSS } from './pageStyles';
