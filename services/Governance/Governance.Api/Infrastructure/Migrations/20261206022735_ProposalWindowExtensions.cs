using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Governance.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ProposalWindowExtensions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "extensions",
                table: "proposals",
                type: "jsonb",
                nullable: false,
                // Proposals opened before extensions existed have none.
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "extensions",
                table: "proposals");
        }
    }
}
