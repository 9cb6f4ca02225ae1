using System.Text.RegularExpressions;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Time;

namespace Platform.BuildingBlocks.Validation;

/// <summary>
/// Field errors collected as message keys; localized only when the problem is written.
/// Field names are the JSON names (camelCase) the client sent.
/// </summary>
public sealed class ValidationErrors(BusinessCalendar? calendar = null)
{
    private readonly List<(string Field, string Key, object?[] Args)> _errors = [];

    /// <summary>The county's calendar, for rules about today and now; the validation filter always provides it.</summary>
    public BusinessCalendar Calendar =>
        calendar ?? throw new InvalidOperationException("These errors were collected without a calendar: pass one to check dates against today.");

    public bool IsEmpty => _errors.Count == 0;

    public ValidationErrors Add(string field, string key, params object?[] args)
    {
        _errors.Add((field, key, args));
        return this;
    }

    public ValidationErrors AddRange(ValidationErrors other)
    {
        _errors.AddRange(other._errors);
        return this;
    }

    /// <summary>Another request's errors as the errors of one of this request's items, e.g. <c>payments[3].amountFen</c>.</summary>
    public ValidationErrors AddRange(string prefix, ValidationErrors other)
    {
        _errors.AddRange(other._errors.Select(e => ($"{prefix}.{e.Field}", e.Key, e.Args)));
        return this;
    }

    /// <summary>A nested object of the request, checked by its own rules, its errors named <c>prefix.field</c>; missing is "required".</summary>
    public ValidationErrors Nested(string prefix, IValidatableRequest? request)
    {
        if (request is null)
        {
            return Add(prefix, "error.required");
        }

        var inner = new ValidationErrors(calendar);
        request.Validate(inner);
        return AddRange(prefix, inner);
    }

    /// <summary>Present, with at least one visible character (a name of zero-width or bidi marks only is missing), and not too long.</summary>
    public ValidationErrors Required(string field, string? value, int maxLength = 200)
    {
        if (PlainText.IsBlank(value))
        {
            return Add(field, "error.required");
        }

        return value.Length > maxLength ? Add(field, "error.too_long", maxLength) : this;
    }

    public ValidationErrors Optional(string field, string? value, int maxLength = 200) =>
        value is not null && value.Length > maxLength ? Add(field, "error.too_long", maxLength) : this;

    public ValidationErrors RequiredId(string field, Guid? value) =>
        value is null || value == Guid.Empty ? Add(field, "error.required") : this;

    /// <summary>The whole value matches: a regex's <c>$</c> also matches before a final line feed, which no field may carry.</summary>
    public ValidationErrors Matches(string field, string? value, Regex pattern) =>
        Matches(field, value, text => pattern.Match(text) is { Success: true, Index: 0 } match && match.Length == text.Length);

    public ValidationErrors Matches(string field, string? value, Func<string, bool> isValid)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "error.required");
        }

        return isValid(value) ? this : Add(field, "error.invalid_format");
    }

    public ValidationErrors InRange<T>(string field, T? value, T min, T max) where T : struct, IComparable<T>
    {
        if (value is null)
        {
            return Add(field, "error.required");
        }

        return value.Value.CompareTo(min) < 0 || value.Value.CompareTo(max) > 0
            ? Add(field, "error.out_of_range", min, max)
            : this;
    }

    /// <summary>A business date that must be given and not after the county's today (a payment, a deposit, an income).</summary>
    public ValidationErrors NotInFuture(string field, DateOnly? value)
    {
        if (value is null)
        {
            return Add(field, "error.required");
        }

        return value.Value > Calendar.Today ? Add(field, "error.in_future") : this;
    }

    public ValidationErrors Defined<TEnum>(string field, TEnum? value) where TEnum : struct, Enum
    {
        if (value is null)
        {
            return Add(field, "error.required");
        }

        return Enum.IsDefined(value.Value) ? this : Add(field, "error.unknown_value");
    }

    /// <summary>Each error's field and message key, in the order found (for callers that are not HTTP, such as a gRPC stream).</summary>
    public IEnumerable<(string Field, string Key)> Keys => _errors.Select(error => (error.Field, error.Key));

    public Dictionary<string, string[]> ToDictionary(Text text) =>
        _errors.GroupBy(error => error.Field)
            .ToDictionary(
                group => group.Key,
                group => group.Select(error => text.Format(error.Key, error.Args)).ToArray());
}
