using System.Text;

namespace GenreBlazor.Core.Data;

/// <summary>One record of a CSV file: its fields and the line it starts on (1-based).</summary>
public sealed record CsvRecord(long Line, IReadOnlyList<string> Fields, string? Problem);

/// <summary>
/// An RFC 4180 reader: fields separated by commas, records by CRLF or LF, fields optionally in double quotes with
/// "" for a quote, quoted fields may span lines. A record with a quote problem (text after a closing quote, or a
/// quote that never closes) is returned with <see cref="CsvRecord.Problem"/> set rather than thrown, so the caller
/// can report the line and go on.
/// </summary>
public sealed class CsvRecordReader(TextReader reader)
{
    private long line = 1;
    private int peeked = -2;

    /// <summary>Reads the next record, or null at the end of the input.</summary>
    public CsvRecord? Read()
    {
        if (Peek() < 0)
        {
            return null;
        }
        var start = line;
        var fields = new List<string>();
        var field = new StringBuilder();
        string? problem = null;
        while (true)
        {
            var c = Next();
            if (c == '"' && field.Length == 0)
            {
                problem ??= ReadQuoted(field);
                // After the closing quote only a separator or the end of the record may follow.
                while (Peek() is >= 0 and not ',' and not '\n' and not '\r')
                {
                    problem ??= "text after a closing quote";
                    field.Append((char)Next());
                }
                continue;
            }
            if (c is ',' )
            {
                fields.Add(field.ToString());
                field.Clear();
                continue;
            }
            if (c is '\n' or '\r' or -1)
            {
                if (c == '\r' && Peek() == '\n')
                {
                    Next();
                }
                fields.Add(field.ToString());
                return new CsvRecord(start, fields, problem);
            }
            field.Append((char)c);
        }
    }

    private string? ReadQuoted(StringBuilder field)
    {
        while (true)
        {
            var c = Next();
            if (c < 0)
            {
                return "a quoted field never closes";
            }
            if (c == '"')
            {
                if (Peek() == '"')
                {
                    Next();
                    field.Append('"');
                    continue;
                }
                return null;
            }
            field.Append((char)c);
        }
    }

    private int Peek()
    {
        if (peeked == -2)
        {
            peeked = reader.Read();
        }
        return peeked;
    }

    private int Next()
    {
        var c = Peek();
        peeked = -2;
        if (c == '\n' || (c == '\r' && Peek() != '\n'))
        {
            line++;
        }
        return c;
    }
}
