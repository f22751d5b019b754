/** A direction file is a few KB; anything far larger is not one (and is not parsed). */
export const MAX_FILE_BYTES = 1024 * 1024;
