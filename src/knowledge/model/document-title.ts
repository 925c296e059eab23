/** The longest document title, in characters: the column, the upload rules and the title taken from a filename. */
export const MAX_TITLE_LENGTH = 300;
