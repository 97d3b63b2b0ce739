"""GET /oauth/pin and /oauth/pin/{code}."""

from .context import Answer, Ctx


def pin_request(ctx: Ctx) -> Answer:
    return 200, ctx.pins.issue(ctx.query.get("client_id", ""), ctx.now)


def pin_poll(ctx: Ctx) -> Answer:
    return 200, ctx.pins.poll(ctx.params["code"], ctx.query.get("client_id", ""), ctx.now,
                              ctx.accounts.token_for_pin)
