/** The id of the seed story (data/) that the labelled questions are about. */
export const STORY_ID = 'us-shelves-mss-sanctions';
