/**
 * Names shared by the client and the server. Kept free of dependencies so the client
 * bundle does not pull in the server's libraries.
 */
export const CONFIG_SECTION = 'alphanode';
export const LANGUAGE_ID = 'markdown';
export const SERVER_NAME = 'Alphanode Runbooks';
