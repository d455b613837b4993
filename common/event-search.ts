/** The shortest text the events explorer searches for: shorter text matches most events and no index can find it. */
export const MIN_SEARCH = 3;
