using System.Text.RegularExpressions;
using System.Xml.Linq;
using Platform.Contracts.Events;

namespace Platform.Architecture.Tests;

/// <summary>
/// Every message the code names (a problem code, a validation key, a noun) is in its service's resource files, in zh-CN
/// (Messages.resx) and in English (Messages.en.resx), with the same placeholders; a call passes as many arguments as the
/// message has placeholders; and no message is left that nothing names. Without this a missing key shows its bare name.
/// </summary>
public sealed partial class ProblemTextTests
{
    /// <summary>The resources every service falls back to (Text.Common), and the only ones Problems.NotFound reads.</summary>
    private const string Common = "BuildingBlocks";

    /// <summary>Keys made at run time from a value rather than written in the code, with the values they come from.</summary>
    private static readonly Dictionary<string, string[]> DynamicKeys = new()
    {
        // CommunityEndpoints reads $"blacklist_reason.{entry.Reason}": one message per reason.
        ["blacklist_reason."] = Enum.GetNames<BlacklistReason>(),
    };

    [GeneratedRegex("""(?<![\w$@])"((?:error|problem|noun|import)\.[a-z0-9_]+(?:\.detail)?)"(?!\w)""")]
    private static partial Regex KeyLiteral();

    [GeneratedRegex("""(?<![\w$@])"([a-z][a-z0-9_]*)"(?!\w)""")]
    private static partial Regex CodeLiteral();

    [GeneratedRegex(@"""([^""\\\s{}]+)""")]
    private static partial Regex AnyLiteral();

    [GeneratedRegex(@"^(?:problem|noun)\.([a-z0-9_]+)(?:\.detail)?$")]
    private static partial Regex BareCode();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?:(?<![\w.])Problems\.(?<call>Conflict|Forbidden|Validation|NotFound)|\.(?<call>Add))\(")]
    private static partial Regex MessageCall();

    public static TheoryData<string> Services() => [.. ResourceFolders().Keys];

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_message_is_in_both_languages_with_the_same_placeholders(string service)
    {
        var (chinese, english) = Load(service);

        var mismatches = Mismatches(chinese, english);

        Assert.True(mismatches.Count == 0, $"{service}'s Messages.resx and Messages.en.resx differ:\n" + string.Join("\n", mismatches));
    }

    [Fact]
    public void A_message_missing_in_one_language_or_with_other_placeholders_is_caught()
    {
        var chinese = new Dictionary<string, string>
        {
            ["problem.lot_full.detail"] = "停车场 {0} 已满（{1} 个车位）",
            ["error.too_long"] = "不能超过 {0:N0} 个字符",
            ["error.required"] = "必填",
        };
        var english = new Dictionary<string, string>
        {
            ["problem.lot_full.detail"] = "Lot {0} is full ({2} spaces)",
            ["error.too_long"] = "At most {0} characters",
        };

        Assert.Equal(
            ["error.required: only in Messages.resx", "problem.lot_full.detail: {0} {1} in Messages.resx, {0} {2} in Messages.en.resx"],
            Mismatches(chinese, english));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_message_the_code_names_is_in_its_services_resources_with_as_many_placeholders_as_arguments(string service)
    {
        var known = Known(service);
        var common = Load(Common).Chinese;

        var failures = Uses(service, Code(service)).SelectMany(use => Failures(use, known, common)).ToList();

        Assert.True(failures.Count == 0, "Add the message to Messages.resx and Messages.en.resx, or pass its arguments:\n"
            + string.Join("\n", failures));
    }

    [Fact]
    public void A_code_naming_a_missing_message_or_passing_the_wrong_arguments_is_caught()
    {
        var known = new Dictionary<string, string>
        {
            ["problem.lot_full"] = "停车场已满",
            ["problem.lot_full.detail"] = "停车场 {0} 已满（{1} 个车位）",
            ["error.too_long"] = "不能超过 {0} 个字符",
        };
        const string code = """
            return Problems.Conflict("lot_full", ParkingText.Messages, lot.Name, lot.Capacity);
            return Problems.Conflict("lot_full", ParkingText.Messages, lot.Name);
            return Problems.Forbidden("not_the_operator", ParkingText.Messages);
            errors.Add("name", "error.too_long", Limit(name, "x"));
            errors.Add("name", "error.too_short", 2);
            errors.Add($"lines[{i}].name", "error.too_long");
            return Problems.Conflict(refused.Code, ParkingText.Messages, refused.Args);
            return Problems.NotFound("parking_lot");
            """;

        var failures = Uses("demo", [("Demo.cs", code)]).SelectMany(use => Failures(use, known, known)).ToList();

        Assert.Equal(
        [
            "Demo.cs:2: problem.lot_full.detail has 2 placeholders, the call passes 1",
            "Demo.cs:3: problem.not_the_operator is missing",
            "Demo.cs:3: problem.not_the_operator.detail is missing",
            "Demo.cs:5: error.too_short is missing",
            "Demo.cs:6: error.too_long has 1 placeholders, the call passes 0",
            "Demo.cs:8: noun.parking_lot is missing from the common resources",
        ], failures);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_message_is_named_by_the_code(string service)
    {
        // The common messages serve every service's code; a service's own, its code and the shared code it hands its text to
        // (BuildingBlocks' validation, contracts' shared rules such as DisclosurePeriod).
        var code = service == Common
            ? [.. ResourceFolders().Keys.SelectMany(Code), .. Contracts()]
            : Code(service).Concat(Code(Common)).Concat(Contracts()).ToList();

        var orphans = Orphans(Load(service).Chinese.Keys, code).ToList();

        Assert.True(orphans.Count == 0,
            $"{service}'s resources hold messages no code names (remove them):\n" + string.Join("\n", orphans));
    }

    [Fact]
    public void A_message_no_code_names_is_caught()
    {
        (string File, string Text)[] code = [("Demo.cs", """
            errors.Add("name", "error.required");
            return Problems.Conflict(full ? "lot_full" : "lot_closed", ParkingText.Messages);
            """)];

        string[] keys = ["error.required", "problem.lot_full", "problem.lot_full.detail", "problem.lot_gone", "error.too_long"];

        var orphans = Orphans(keys, code);

        Assert.Equal(["problem.lot_gone", "error.too_long"], orphans);
    }

    /// <summary>One named message: the key, where, and the arguments passed to it (null when they cannot be counted).</summary>
    private sealed record Use(string Where, string Key, int? Arguments, bool CommonOnly = false);

    private static List<string> Mismatches(IReadOnlyDictionary<string, string> chinese, IReadOnlyDictionary<string, string> english)
    {
        var failures = new List<string>();
        foreach (var key in chinese.Keys.Union(english.Keys).Order(StringComparer.Ordinal))
        {
            if (!english.TryGetValue(key, out var inEnglish))
            {
                failures.Add($"{key}: only in Messages.resx");
            }
            else if (!chinese.TryGetValue(key, out var inChinese))
            {
                failures.Add($"{key}: only in Messages.en.resx");
            }
            else if (Placeholders(inChinese) != Placeholders(inEnglish))
            {
                failures.Add($"{key}: {Placeholders(inChinese)} in Messages.resx, {Placeholders(inEnglish)} in Messages.en.resx");
            }
        }

        return failures;
    }

    private static string Placeholders(string message) =>
        string.Join(" ", Placeholder().Matches(message).Select(m => int.Parse(m.Groups[1].Value)).Distinct().Order()
            .Select(i => $"{{{i}}}"));

    private static int PlaceholderCount(string message) =>
        Placeholder().Matches(message).Select(m => int.Parse(m.Groups[1].Value) + 1).DefaultIfEmpty(0).Max();

    private static IEnumerable<string> Failures(
        Use use, IReadOnlyDictionary<string, string> known, IReadOnlyDictionary<string, string> common)
    {
        var messages = use.CommonOnly ? common : known;
        if (!messages.TryGetValue(use.Key, out var message))
        {
            yield return $"{use.Where}: {use.Key} is missing" + (use.CommonOnly ? " from the common resources" : "");
        }
        else if (use.Arguments is { } passed && PlaceholderCount(message) != passed)
        {
            yield return $"{use.Where}: {use.Key} has {PlaceholderCount(message)} placeholders, the call passes {passed}";
        }
    }

    /// <summary>Every message key the code names: as a literal, as a problem code, as a noun of Problems.NotFound.</summary>
    private static IEnumerable<Use> Uses(string service, IEnumerable<(string File, string Text)> code)
    {
        foreach (var (file, text) in code)
        {
            var counted = new HashSet<(int, string)>();
            foreach (Match call in MessageCall().Matches(text))
            {
                var arguments = Arguments(text, call.Index + call.Length);
                var where = $"{file}:{Line(text, call.Index)}";
                foreach (var use in CallUses(call.Groups["call"].Value, arguments, where))
                {
                    counted.Add((Line(text, call.Index), use.Key));
                    yield return use;
                }
            }

            // Keys written anywhere else (a rule object, a ternary handed to a helper): present, arguments not counted here.
            foreach (Match literal in KeyLiteral().Matches(text))
            {
                var key = literal.Groups[1].Value;
                if (!counted.Contains((Line(text, literal.Index), key)))
                {
                    yield return new Use($"{file}:{Line(text, literal.Index)}", key, null);
                }
            }
        }
    }

    private static IEnumerable<Use> CallUses(string call, IReadOnlyList<string> arguments, string where)
    {
        switch (call)
        {
            case "Conflict" or "Forbidden" when arguments.Count >= 2:
                var extra = Countable(arguments.Skip(2).ToList());
                foreach (var code in Literals(arguments[0]))
                {
                    yield return new Use(where, $"problem.{code}", null);
                    yield return new Use(where, $"problem.{code}.detail", extra);
                }

                break;
            case "NotFound" when arguments.Count == 1:
                foreach (var noun in Literals(arguments[0]))
                {
                    yield return new Use(where, $"noun.{noun}", null, CommonOnly: true);
                }

                break;
            case "Add" or "Validation" when arguments.Count >= 2 && KeyLiteral().Match(arguments[1].Trim()) is { Success: true } key
                                              && key.Length == arguments[1].Trim().Length:
                yield return new Use(where, key.Groups[1].Value, Countable(arguments.Skip(2).ToList()));
                break;
        }
    }

    /// <summary>How many arguments a params call passes, or null when one of them may be an array (<c>refused.Args</c>).</summary>
    private static int? Countable(List<string> arguments) =>
        arguments.Count == 1 && Regex.IsMatch(arguments[0].Trim(), @"(?i)args$|^\[") ? null : arguments.Count;

    private static IEnumerable<string> Literals(string argument) =>
        argument.TrimStart().StartsWith('"') || argument.Contains('?')
            ? CodeLiteral().Matches(argument).Select(m => m.Groups[1].Value)
            : [];

    /// <summary>The top-level arguments of the call whose opening parenthesis ends just before <paramref name="start"/>.</summary>
    private static List<string> Arguments(string text, int start)
    {
        var arguments = new List<string>();
        var depth = 0;
        var begin = start;
        for (var i = start; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    i = EndOfString(text, i);
                    break;
                case '\'':
                    i = text.IndexOf('\'', i + (text[i + 1] == '\\' ? 3 : 2));
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}' when depth > 0:
                    depth--;
                    break;
                case ')':
                    if (arguments.Count > 0 || text[begin..i].Trim().Length > 0)
                    {
                        arguments.Add(text[begin..i]);
                    }

                    return arguments;
                case ',' when depth == 0:
                    arguments.Add(text[begin..i]);
                    begin = i + 1;
                    break;
            }
        }

        return arguments;
    }

    /// <summary>The index of the quote closing the string opened at <paramref name="open"/> (interpolations holding no quote).</summary>
    private static int EndOfString(string text, int open)
    {
        var verbatim = open > 0 && (text[open - 1] == '@' || (open > 1 && text[open - 2] == '@'));
        if (text.AsSpan(open).StartsWith("\"\"\""))
        {
            return text.IndexOf("\"\"\"", open + 3, StringComparison.Ordinal) + 2;
        }

        for (var i = open + 1; i < text.Length; i++)
        {
            if (text[i] == '\\' && !verbatim)
            {
                i++;
            }
            else if (text[i] == '"')
            {
                if (verbatim && i + 1 < text.Length && text[i + 1] == '"')
                {
                    i++;
                    continue;
                }

                return i;
            }
        }

        return text.Length;
    }

    private static int Line(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    /// <summary>The messages no code names: not the key, nor a problem's or a noun's bare code, nor a dynamic key's value.</summary>
    private static IEnumerable<string> Orphans(IEnumerable<string> keys, IReadOnlyCollection<(string File, string Text)> code)
    {
        var literals = code.SelectMany(source => AnyLiteral().Matches(source.Text).Select(m => m.Groups[1].Value)).ToHashSet();
        return keys.Where(key => !literals.Contains(key) && !IsNamedByCode(key, literals) && !IsDynamic(key));
    }

    /// <summary>Problems.Conflict("lot_full") names problem.lot_full and its detail; Problems.NotFound("unit") names noun.unit.</summary>
    private static bool IsNamedByCode(string key, HashSet<string> literals) =>
        BareCode().Match(key) is { Success: true } code && literals.Contains(code.Groups[1].Value);

    private static bool IsDynamic(string key) =>
        DynamicKeys.Any(pair => key.StartsWith(pair.Key, StringComparison.Ordinal) && pair.Value.Contains(key[pair.Key.Length..]));

    /// <summary>The service's own messages and the common ones it falls back to.</summary>
    private static Dictionary<string, string> Known(string service)
    {
        var known = new Dictionary<string, string>(Load(Common).Chinese);
        foreach (var (key, value) in Load(service).Chinese)
        {
            known[key] = value;
        }

        return known;
    }

    private static List<(string File, string Text)> Code(string service) =>
    [
        .. Repository.SourceFiles(Path.Combine("services", service))
            .Select(path => (Path.GetRelativePath(Repository.Root, path), File.ReadAllText(path))),
    ];

    private static IEnumerable<(string File, string Text)> Contracts() =>
        Repository.SourceFiles("contracts").Select(path => (Path.GetRelativePath(Repository.Root, path), File.ReadAllText(path)));

    /// <summary>Each service's Resources folder (BuildingBlocks' holds the common messages), by service.</summary>
    private static Dictionary<string, string> ResourceFolders() =>
        Directory.EnumerateFiles(Path.Combine(Repository.Root, "services"), "Messages.resx", SearchOption.AllDirectories)
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin"))
            .ToDictionary(
                path => Path.GetRelativePath(Path.Combine(Repository.Root, "services"), path).Split(Path.DirectorySeparatorChar)[0],
                path => Path.GetDirectoryName(path)!);

    private static (Dictionary<string, string> Chinese, Dictionary<string, string> English) Load(string service)
    {
        var folder = ResourceFolders()[service];
        return (Read(Path.Combine(folder, "Messages.resx")), Read(Path.Combine(folder, "Messages.en.resx")));
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(data => (string)data.Attribute("name")!, data => (string?)data.Element("value") ?? "");
}
