using CsvHelper;

namespace GenreBlazor.Core.Data;

/// <summary>One data row of a CSV being read: its fields by column name and the line it starts on.</summary>
public readonly struct CsvLine
{
    private readonly CsvReader _reader;
    private readonly IReadOnlyDictionary<string, int> _columns;

    internal CsvLine(CsvReader reader, IReadOnlyDictionary<string, int> columns)
    {
        _reader = reader;
        _columns = columns;
    }

    /// <summary>The 1-based line of the input the row starts on.</summary>
    public long Number => _reader.LineNumber;

    /// <summary>The field of column <paramref name="name"/>, trimmed; "" when the file has no such column.</summary>
    public string this[string name] =>
        _columns.TryGetValue(name, out var index) && index < _reader.FieldCount ? (_reader.GetString(index) ?? "").Trim() : "";
}

/// <summary>
/// Reads a CSV with a header row (RFC 4180 through CsvHelper) into items, one mapping per row. A row with broken
/// quoting, a field count other than the header's, or one the mapping refuses is skipped and reported with its line
/// and reason, or, in strict mode, stops the read with an error naming the line. Column names are matched without
/// case; a byte order mark is ignored.
/// </summary>
public static class CsvTable
{
    /// <param name="text">The CSV text.</param>
    /// <param name="source">What the text is, for messages (a path, or "The CSV").</param>
    /// <param name="required">Columns the header must have.</param>
    /// <param name="strict">Stop at the first bad row instead of skipping it.</param>
    /// <param name="map">Turns a row into an item, or says what is wrong with it.</param>
    public static (IReadOnlyList<T> Items, IReadOnlyList<SkippedRow> Skipped) Read<T>(
        TextReader text, string source, IReadOnlyList<string> required, bool strict, Func<CsvLine, (T? Item, string? Problem)> map)
        where T : class
    {
        var skipped = new List<SkippedRow>();
        void Skip(long line, string problem)
        {
            if (strict)
            {
                throw new MovieCsvException($"Line {line}: {problem}.");
            }
            skipped.Add(new SkippedRow(line, problem));
        }

        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            Mode = CsvMode.Rfc4180,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            TrimWhitespace = false,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = record => Skip(record.LineNumber, Describe(record.Reason)),
        };
        using var reader = CsvReader.Create(text, options, leaveOpen: true);
        var header = reader.Headers.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        if (header.Length == 0 || header is [""])
        {
            throw new MovieCsvException($"{source} is empty: expected a header row with {string.Join(", ", required)}.");
        }
        var missing = required.Where(c => !header.Contains(c)).ToArray();
        if (missing.Length > 0)
        {
            throw new MovieCsvException($"{source}: the header lacks the column(s) {string.Join(", ", missing)}; found: {string.Join(", ", header)}.");
        }
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = header.Length - 1; i >= 0; i--)
        {
            columns[header[i]] = i;
        }

        var items = new List<T>();
        while (reader.Read())
        {
            var line = new CsvLine(reader, columns);
            if (reader.FieldCount != header.Length)
            {
                Skip(line.Number, $"{reader.FieldCount} fields where the header has {header.Length}");
                continue;
            }
            var (item, problem) = map(line);
            if (problem is not null || item is null)
            {
                Skip(line.Number, problem ?? "unreadable row");
                continue;
            }
            items.Add(item);
        }
        return (items, skipped);
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote => "a quoted field never closes",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote",
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
        _ => $"malformed row ({reason})",
    };
}
