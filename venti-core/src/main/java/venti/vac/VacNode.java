package venti.vac;

import venti.core.Entry;

/**
 * A file or directory of an archive: its directory entry and the streams holding it.
 *
 * @param path its path from the archive's top, "" for the top itself
 * @param dir  its directory entry
 * @param data the file's contents, or the directory's stream of entries
 * @param meta the directory's metadata stream (meta blocks); null for a file
 */
public record VacNode(String path, VacDir dir, Entry data, Entry meta) {

    public boolean isDir() {
        return dir.isDir();
    }

    /** The file's size, 0 for a directory (as vac lists it). */
    public long size() {
        return isDir() ? 0 : data.size();
    }

    /** The path of the child named {@code elem}. */
    String child(String elem) {
        return path.isEmpty() ? elem : path + "/" + elem;
    }
}
