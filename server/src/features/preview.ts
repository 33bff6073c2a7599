import type { Feature } from '../context';
import { META_BOX_REQUEST, MetaBoxParams, MetaBoxResult } from '../protocol';
import { isoToday, renderMetaBox, renderNotAPost } from '../service';

/** How often a render restarts because the document changed while its findings were computed. */
const MAX_ATTEMPTS = 3;

/**
 * `alphanode/metaBox`: the meta box preview of an open document, from the version's cached
 * parse and findings (the diagnostics the editor shows are the marks in the box).
 */
export const preview: Feature = {
  capabilities: {},
  register({ connection, documents, postOf, findingsOf, templates, isPostDocument, settingsFor }) {
    connection.onRequest(META_BOX_REQUEST, async (params: MetaBoxParams): Promise<MetaBoxResult | null> => {
      for (let attempt = 1; ; attempt++) {
        const document = documents.get(params.uri);
        if (!document) return null;
        const findings = await findingsOf(document);
        // A newer version arrived while settings were fetched: render that one instead.
        if (documents.get(params.uri)?.version !== document.version && attempt < MAX_ATTEMPTS) continue;
        if (!(await isPostDocument(document))) {
          const { globs } = templates.globsAt(document.uri, (await settingsFor(document.uri)).files);
          const css = renderMetaBox(postOf(document), [], { today: isoToday(), allowRemoteImages: false }).css;
          return { uri: document.uri, version: document.version, html: renderNotAPost(globs), css, isPost: false };
        }
        const box = renderMetaBox(postOf(document), findings.map((finding) => finding.diagnostic), {
          today: isoToday(),
          allowRemoteImages: params.allowRemoteImages === true,
          template: templates.templateFor(document.uri),
        });
        return { uri: document.uri, version: document.version, html: box.html, css: box.css, isPost: true };
      }
    });
  },
};
