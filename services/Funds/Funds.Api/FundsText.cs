using System.Resources;
using Platform.BuildingBlocks.Errors;

namespace Platform.Funds.Api;

/// <summary>Funds' own user-facing text (Resources/Messages*.resx; zh-CN neutral, en).</summary>
public static class FundsText
{
    public static readonly Text Messages = new(new ResourceManager("Platform.Funds.Api.Resources.Messages", typeof(FundsText).Assembly), Text.Common);
}
