using System.Globalization;
using System.Resources;

namespace Platform.BuildingBlocks.Errors;

/// <summary>
/// User-facing text from resource files: zh-CN by default (the neutral resources), English when the
/// request's culture asks. A service's text falls back to the common messages for shared keys.
/// </summary>
public sealed class Text(ResourceManager resources, Text? fallback = null)
{
    public static readonly Text Common = new(new ResourceManager(
        "Platform.BuildingBlocks.Resources.Messages", typeof(Text).Assembly));

    public string this[string key] =>
        resources.GetString(key, CultureInfo.CurrentUICulture) ?? fallback?[key] ?? key;

    public string Format(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentUICulture, this[key], args);
}
