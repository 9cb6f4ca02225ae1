using System.Globalization;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Kernel.Csv;

namespace Platform.Funds.Api.Reconciliation;

/// <summary>One movement on the dedicated account as the bank reports it: positive into the account, negative out of it.</summary>
public sealed record StatementLine(DateOnly Date, string Reference, long AmountFen);

/// <summary>Reads the bank's statement: CSV with the header <c>date,reference,amountFen</c> (UTF-8), at most <see cref="MaxLines"/> lines.</summary>
public static class BankStatement
{
    public const int MaxLines = 20_000;

    public static IReadOnlyList<StatementLine> Read(string csv, ValidationErrors errors)
    {
        var records = CsvReader.Read(new StringReader(csv)).ToList();
        if (records.Count == 0 || !records[0].Fields.Select(f => f.Trim()).SequenceEqual(["date", "reference", "amountFen"]))
        {
            errors.Add("statement", "error.statement_header");
            return [];
        }

        if (records.Count - 1 > MaxLines)
        {
            errors.Add("statement", "error.too_many_items", MaxLines);
            return [];
        }

        var lines = new List<StatementLine>();
        foreach (var record in records.Skip(1))
        {
            var field = $"lines[{record.Line}]";
            if (record.Fields.Count != 3)
            {
                errors.Add(field, "error.malformed");
                continue;
            }

            var date = DateOnly.TryParseExact(record.Fields[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
            var amount = long.TryParse(record.Fields[2].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var a) && a != 0 ? a : (long?)null;
            var reference = record.Fields[1].Trim();
            if (date is null)
            {
                errors.Add($"{field}.date", "error.invalid_format");
            }
            else if (!PlausibleDates.Contains(date.Value))
            {
                errors.Add($"{field}.date", "error.out_of_range", PlausibleDates.Earliest.ToString("O"), PlausibleDates.Latest.ToString("O"));
                date = null;
            }

            if (amount is null)
            {
                errors.Add($"{field}.amountFen", "error.invalid_format");
            }

            errors.Required($"{field}.reference", reference, 100);
            if (date is not null && amount is not null && reference.Length is > 0 and <= 100)
            {
                lines.Add(new StatementLine(date.Value, reference, amount.Value));
            }
        }

        if (lines.Count == 0 && errors.IsEmpty)
        {
            errors.Add("statement", "error.required");
        }

        return lines;
    }
}
