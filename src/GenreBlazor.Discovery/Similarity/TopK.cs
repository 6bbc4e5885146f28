namespace GenreBlazor.Discovery.Similarity;

/// <summary>
/// The k best-scoring rows of a score array, best first; a k-sized heap, no sort of all rows. The row filter is asked
/// only for a row that would enter the heap: with k = 10 over 16k rows a few dozen calls, not one per row.
/// </summary>
internal static class TopK
{
    public static List<(int Row, float Score)> Select(ReadOnlySpan<float> scores, int k, int exclude = -1, Func<int, bool>? keep = null)
    {
        var heap = new PriorityQueue<int, float>(k + 1);
        var worst = float.NegativeInfinity;
        for (var row = 0; row < scores.Length; row++)
        {
            var score = scores[row];
            if (heap.Count == k && score <= worst || row == exclude || keep is not null && !keep(row))
            {
                continue;
            }
            if (heap.Count < k)
            {
                heap.Enqueue(row, score);
            }
            else
            {
                heap.DequeueEnqueue(row, score);
            }
            if (heap.Count == k)
            {
                heap.TryPeek(out _, out worst);
            }
        }
        var best = new List<(int, float)>(heap.Count);
        while (heap.TryDequeue(out var row, out var score))
        {
            best.Add((row, score));
        }
        best.Reverse();
        return best;
    }
}
