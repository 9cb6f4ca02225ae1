using System.Text;

namespace Platform.Contracts.Kernel.Csv;

/// <summary>One CSV record and the line of the file it starts on (1 = the header).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// RFC 4180 reader for files exported from spreadsheets and banks (registers, statements): quoted fields with doubled quotes and
/// line breaks inside, CRLF or LF, an optional UTF-8 byte-order mark; blank lines are skipped.
/// </summary>
public static class CsvReader
{
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var fieldStarted = false;

        int next;
        while ((next = reader.Read()) != -1)
        {
            var c = (char)next;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    fieldStarted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (fieldStarted || field.Length > 0 || fields.Count > 0)
                    {
                        fields.Add(field.ToString());
                        yield return new CsvRecord(recordLine, fields.ToArray());
                    }

                    fields.Clear();
                    field.Clear();
                    fieldStarted = false;
                    line++;
                    recordLine = line;
                    break;
                case '\uFEFF' when line == 1 && fields.Count == 0 && field.Length == 0:
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (fieldStarted || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordLine, fields.ToArray());
        }
    }
}
