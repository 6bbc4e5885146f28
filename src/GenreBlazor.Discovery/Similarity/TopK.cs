namespace GenreBlazor.Discovery.Similarity;

/// <summary>The k best-scoring rows of a score array, best first, with a row filter; a k-sized heap, no sort of all rows.</summary>
internal static class TopK
{
    public static List<(int Row, float Score)> Select(ReadOnlySpan<float> scores, int k, Func<int, bool>? keep = null)
    {
        var heap = new PriorityQueue<int, float>(k + 1);
        for (var row = 0; row < scores.Length; row++)
        {
            if (keep is not null && !keep(row))
            {
                continue;
            }
            if (heap.Count < k)
            {
                heap.Enqueue(row, scores[row]);
            }
            else if (heap.TryPeek(out _, out var worst) && scores[row] > worst)
            {
                heap.DequeueEnqueue(row, scores[row]);
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
