package venti.client.tree;

import java.util.ArrayList;
import java.util.List;
import venti.core.BlockType;
import venti.core.Entry;
import venti.core.FormatException;
import venti.core.Root;
import venti.core.Score;

/**
 * A block of a hash tree seen through its type: what it is and which blocks it points to.
 *
 * <p>The type says how to read a block (venti(7)): a root block names a directory block and
 * the previous root; a directory block is a run of 40-byte {@link Entry}s, each the top of a
 * tree of its own type; a pointer block is a run of scores one level down, of the same base
 * (data or directory); a data block points to nothing. Tools that walk trees (copy, dump)
 * decode each block with {@link #decode} and go on to its children.
 *
 * <p>Values; immutable and thread-safe (arrays are not copied and must not be changed).
 */
public sealed interface TreeBlock {

    /** The blocks this one points to, as (score, type) in the order the block holds them. */
    List<BlockRef> children();

    /** A root block, or one that fails to read as a root ({@code root} null, {@code error} says why). */
    record RootBlock(Root root, String error) implements TreeBlock {
        @Override
        public List<BlockRef> children() {
            return root == null ? List.of()
                    : List.of(new BlockRef(root.prev(), BlockType.ROOT), new BlockRef(root.score(), BlockType.DIR));
        }
    }

    /** A directory block: one slot per 40 bytes. */
    record DirBlock(List<Slot> slots) implements TreeBlock {
        /** The active entries' trees; inactive and unreadable slots point to nothing. */
        @Override
        public List<BlockRef> children() {
            return slots.stream().filter(s -> s.entry() != null && s.entry().isActive())
                    .map(s -> new BlockRef(s.entry().score(), s.entry().type())).toList();
        }
    }

    /** Entry {@code index} of a directory block, or why it cannot be read ({@code entry} null). */
    record Slot(int index, Entry entry, String error) {
    }

    /** A pointer block: whole scores of blocks of type {@code type.child()}; a partial one at the end is ignored. */
    record PointerBlock(BlockType type, List<Score> scores) implements TreeBlock {
        @Override
        public List<BlockRef> children() {
            return scores.stream().map(s -> new BlockRef(s, type.child())).toList();
        }
    }

    /** A data block. */
    record DataBlock(byte[] data) implements TreeBlock {
        @Override
        public List<BlockRef> children() {
            return List.of();
        }
    }

    /** Reads {@code data} as a block of {@code type}; a malformed root or entry is described, not thrown. */
    static TreeBlock decode(BlockType type, byte[] data) {
        if (type == BlockType.ROOT) {
            try {
                return new RootBlock(Root.unpack(data), null);
            } catch (FormatException e) {
                return new RootBlock(null, e.getMessage());
            }
        }
        if (type == BlockType.DIR) {
            List<Slot> slots = new ArrayList<>();
            for (int i = 0; i * Entry.SIZE < data.length; i++) {
                try {
                    slots.add(new Slot(i, Entry.unpack(data, i), null));
                } catch (FormatException | IndexOutOfBoundsException e) {
                    slots.add(new Slot(i, null, e.getMessage()));
                }
            }
            return new DirBlock(List.copyOf(slots));
        }
        if (type.isPointer()) {
            List<Score> scores = new ArrayList<>();
            for (int off = 0; off + Score.SIZE <= data.length; off += Score.SIZE) {
                scores.add(Score.fromBytes(data, off));
            }
            return new PointerBlock(type, List.copyOf(scores));
        }
        if (type == BlockType.DATA) {
            return new DataBlock(data);
        }
        throw new IllegalArgumentException("a block of type " + type + " cannot be read");
    }
}
