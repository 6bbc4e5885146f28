using System.Runtime.CompilerServices;

namespace GenreBlazor.Core.Text;

/// <summary>
/// A read-only map from terms to their positions, built once and looked up by span on every scored plot. Open
/// addressing with linear probing over a power-of-two table, a 64-bit FNV-1a hash of the characters (terms are short:
/// 2–40 characters), and all terms' characters in one array for the equality check — about twice as fast as a
/// dictionary's general-purpose string hashing for the few hundred lookups a plot needs.
/// </summary>
internal sealed class TermIndex
{
    private readonly int[] slots;        // position + 1; 0 marks an empty slot
    private readonly ulong[] slotHashes;
    private readonly char[] characters;
    private readonly int[] starts;       // by position, plus one past the end
    private readonly int mask;

    /// <summary>Indexes the terms; position i is terms[i]. Duplicates keep their first position.</summary>
    public TermIndex(IReadOnlyList<string> terms)
    {
        starts = new int[terms.Count + 1];
        for (var i = 0; i < terms.Count; i++)
        {
            starts[i + 1] = starts[i] + terms[i].Length;
        }
        characters = new char[starts[^1]];
        for (var i = 0; i < terms.Count; i++)
        {
            terms[i].CopyTo(characters.AsSpan(starts[i]));
        }
        var capacity = 16;
        while (capacity < terms.Count * 2)
        {
            capacity *= 2;
        }
        slots = new int[capacity];
        slotHashes = new ulong[capacity];
        mask = capacity - 1;
        for (var i = 0; i < terms.Count; i++)
        {
            var hash = Hash(terms[i]);
            var slot = (int)hash & mask;
            while (slots[slot] != 0)
            {
                if (slotHashes[slot] == hash && Term(slots[slot] - 1).SequenceEqual(terms[i]))
                {
                    goto next; // a duplicate: the first position wins
                }
                slot = (slot + 1) & mask;
            }
            slots[slot] = i + 1;
            slotHashes[slot] = hash;
        next:;
        }
    }

    /// <summary>The position of a term, or -1.</summary>
    public int IndexOf(ReadOnlySpan<char> term)
    {
        var hash = Hash(term);
        var slot = (int)hash & mask;
        while (true)
        {
            var entry = slots[slot];
            if (entry == 0)
            {
                return -1;
            }
            if (slotHashes[slot] == hash && Term(entry - 1).SequenceEqual(term))
            {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    private ReadOnlySpan<char> Term(int position) => characters.AsSpan(starts[position], starts[position + 1] - starts[position]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(ReadOnlySpan<char> term)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in term)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        // FNV's low bits mix poorly; fold the high half in before masking.
        return hash ^ (hash >> 32);
    }
}
