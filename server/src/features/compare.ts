import { RequestType } from 'vscode-languageserver';
import type { Feature } from '../context';
import { COMPARE_POSTS_REQUEST, ComparePostsParams, ComparePostsResult } from '../protocol';
import { comparePosts } from '../service';

const COMPARE_POSTS = new RequestType<ComparePostsParams, ComparePostsResult, void>(COMPARE_POSTS_REQUEST);

/** The semantic diff for Compare Post with Revision: the client reads both texts (git is on its side), the core compares. */
export const compare: Feature = {
  capabilities: {},
  register({ connection }) {
    connection.onRequest(COMPARE_POSTS, (params: unknown): ComparePostsResult => {
      const { oldText, newText } = (params ?? {}) as Partial<ComparePostsParams>;
      // A client sending something else gets a diff of empty posts, never a crash.
      return comparePosts(typeof oldText === 'string' ? oldText : undefined, typeof newText === 'string' ? newText : '');
    });
  },
};
