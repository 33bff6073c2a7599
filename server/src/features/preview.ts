import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Feature, ServerContext } from '../context';
import { META_BOX_REQUEST, MetaBoxParams, MetaBoxResult, POST_PAGE_REQUEST, POST_PAGE_STYLES_REQUEST, PostPageParams, PostPageResult, PostPageStylesResult } from '../protocol';
import { Finding, isoToday, META_BOX_CSS, PAGE_CSS, renderMetaBox, renderNotAPost, renderPage } from '../service';

/** How often a render restarts because the document changed while its findings were computed. */
const MAX_ATTEMPTS = 3;

/**
 * `alphanode/metaBox`: the meta box preview of an open document; `alphanode/postPage`: the
 * whole post as the site renders it (the post preview). Both from the version's cached parse
 * and findings (the diagnostics the editor shows are the marks on the page).
 */
export const preview: Feature = {
  capabilities: {},
  register(context) {
    const { connection, postOf, templates, isPostDocument, settingsFor } = context;
    connection.onRequest(META_BOX_REQUEST, (params: MetaBoxParams): Promise<MetaBoxResult | null> =>
      withFindings(context, params.uri, async (document, findings) => {
        if (!(await isPostDocument(document))) return notAPost(document, META_BOX_CSS);
        const box = renderMetaBox(postOf(document), findings.map((finding) => finding.diagnostic), {
          today: isoToday(),
          allowRemoteImages: params.allowRemoteImages === true,
          template: templates.templateFor(document.uri),
        });
        return { uri: document.uri, version: document.version, html: box.html, css: box.css, isPost: true };
      }),
    );
    connection.onRequest(POST_PAGE_REQUEST, (params: PostPageParams): Promise<PostPageResult | null> =>
      withFindings(context, params.uri, async (document, findings) => {
        if (!(await isPostDocument(document))) return notAPost(document, PAGE_CSS);
        const page = renderPage(postOf(document), findings.map((finding) => finding.diagnostic), { allowRemoteImages: params.allowRemoteImages === true });
        return { uri: document.uri, version: document.version, html: page.html, css: page.css, isPost: true };
      }),
    );
    connection.onRequest(POST_PAGE_STYLES_REQUEST, (): PostPageStylesResult => PAGE_CSS);

    /** Markdown that is not a post: a neutral panel saying why, and how to make it one (README "What is a post"). */
    async function notAPost(document: TextDocument, css: string): Promise<MetaBoxResult> {
      const { globs } = templates.globsAt(document.uri, (await settingsFor(document.uri)).files);
      return { uri: document.uri, version: document.version, html: renderNotAPost(globs), css, isPost: false };
    }
  },
};

/** Renders the open document `uri` with its findings (null when it is not open), retrying when a newer version arrives meanwhile. */
async function withFindings<T>({ documents, findingsOf }: ServerContext, uri: unknown, render: (document: TextDocument, findings: Finding[]) => T | Promise<T>): Promise<T | null> {
  if (typeof uri !== 'string') return null;
  for (let attempt = 1; ; attempt++) {
    const document = documents.get(uri);
    if (!document) return null;
    const findings = await findingsOf(document);
    // A newer version arrived while settings were fetched: render that one instead.
    if (documents.get(uri)?.version !== document.version && attempt < MAX_ATTEMPTS) continue;
    return render(document, findings);
  }
}
