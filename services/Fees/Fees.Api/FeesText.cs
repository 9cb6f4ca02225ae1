using System.Resources;
using Platform.BuildingBlocks.Errors;

namespace Platform.Fees.Api;

/// <summary>Fees' own user-facing text (Resources/Messages*.resx; zh-CN neutral, en).</summary>
public static class FeesText
{
    public static readonly Text Messages = new(new ResourceManager("Platform.Fees.Api.Resources.Messages", typeof(FeesText).Assembly), Text.Common);
}
