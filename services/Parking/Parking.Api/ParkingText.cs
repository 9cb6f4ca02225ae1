using System.Resources;
using Platform.BuildingBlocks.Errors;

namespace Platform.Parking.Api;

/// <summary>Parking's own user-facing text (Resources/Messages*.resx; zh-CN neutral, en).</summary>
public static class ParkingText
{
    public static readonly Text Messages = new(new ResourceManager("Platform.Parking.Api.Resources.Messages", typeof(ParkingText).Assembly), Text.Common);
}
