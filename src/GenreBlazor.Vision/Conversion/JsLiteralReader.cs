using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace GenreBlazor.Vision.Conversion;

/// <summary>
/// Reads one JavaScript literal value — the JSON superset a minifier emits: unquoted keys, numbers such as
/// <c>.5</c> or <c>-.02</c>, single- or double-quoted strings, and <c>!0</c>/<c>!1</c> for true/false — into
/// System.Text.Json nodes. No code is evaluated: anything that is not a literal is an error.
/// </summary>
public sealed class JsLiteralReader
{
    private readonly string _text;
    private int _position;

    private JsLiteralReader(string text, int position)
    {
        _text = text;
        _position = position;
    }

    /// <summary>Parses the literal that starts at <paramref name="start"/> (whitespace allowed before it).</summary>
    /// <returns>The value (null for the literal <c>null</c>) and the index just after it.</returns>
    public static (JsonNode? Value, int End) Parse(string text, int start = 0)
    {
        var reader = new JsLiteralReader(text, start);
        var value = reader.ReadValue();
        return (value, reader._position);
    }

    private JsonNode? ReadValue()
    {
        SkipWhitespace();
        var c = Peek();
        switch (c)
        {
            case '{':
                return ReadObject();
            case '[':
                return ReadArray();
            case '"' or '\'':
                return JsonValue.Create(ReadString());
            case '!':
                _position++;
                var operand = ReadValue();
                return JsonValue.Create(!IsTruthy(operand));
            case '-' or '+' or '.' or (>= '0' and <= '9'):
                return JsonValue.Create(ReadNumber());
        }

        var word = ReadIdentifier();
        return word switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            "null" => null,
            _ => throw Error($"expected a literal value, found '{word}'"),
        };
    }

    private JsonObject ReadObject()
    {
        Expect('{');
        var result = new JsonObject();
        SkipWhitespace();
        if (TryConsume('}'))
        {
            return result;
        }

        while (true)
        {
            SkipWhitespace();
            var key = Peek() switch
            {
                '"' or '\'' => ReadString(),
                >= '0' and <= '9' => ReadNumber().ToString(CultureInfo.InvariantCulture),
                _ => ReadIdentifier(),
            };
            SkipWhitespace();
            Expect(':');
            result[key] = ReadValue();
            SkipWhitespace();
            if (TryConsume('}'))
            {
                return result;
            }

            Expect(',');
        }
    }

    private JsonArray ReadArray()
    {
        Expect('[');
        var result = new JsonArray();
        SkipWhitespace();
        if (TryConsume(']'))
        {
            return result;
        }

        while (true)
        {
            result.Add(ReadValue());
            SkipWhitespace();
            if (TryConsume(']'))
            {
                return result;
            }

            Expect(',');
        }
    }

    private string ReadString()
    {
        var quote = _text[_position++];
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("unterminated string");
            }

            var c = _text[_position++];
            if (c == quote)
            {
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            var escaped = _text[_position++];
            builder.Append(escaped switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'b' => '\b',
                'f' => '\f',
                'v' => '\v',
                '0' => '\0',
                'u' => ReadHex(4),
                'x' => ReadHex(2),
                _ => escaped,
            });
        }
    }

    private char ReadHex(int digits)
    {
        var hex = _text.Substring(_position, digits);
        _position += digits;
        return (char)int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    private double ReadNumber()
    {
        var start = _position;
        if (Peek() is '-' or '+')
        {
            _position++;
        }

        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] is '.' or 'e' or 'E'
            || (_text[_position] is '-' or '+' && _text[_position - 1] is 'e' or 'E')))
        {
            _position++;
        }

        var token = _text[start.._position];
        // .NET parses decimal text with correct IEEE rounding, the same double JavaScript gets from the literal.
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw Error($"'{token}' is not a number");
        }

        return value;
    }

    private string ReadIdentifier()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is '_' or '$'))
        {
            _position++;
        }

        if (_position == start)
        {
            throw Error($"unexpected character '{Peek()}'");
        }

        return _text[start.._position];
    }

    private static bool IsTruthy(JsonNode? value) => value switch
    {
        null => false,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<double>(out var d) => d != 0 && !double.IsNaN(d),
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 0,
        _ => true,
    };

    private void SkipWhitespace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private char Peek() => _position < _text.Length ? _text[_position] : throw Error("unexpected end of text");

    private bool TryConsume(char expected)
    {
        if (_position < _text.Length && _text[_position] == expected)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(char expected)
    {
        if (!TryConsume(expected))
        {
            throw Error($"expected '{expected}'");
        }
    }

    private FormatException Error(string what) => new($"JavaScript literal at offset {_position}: {what}.");
}
