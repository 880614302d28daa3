//! §2 Channels. A channel's `config` holds bot tokens and API keys: it is readable by owner,
//! admin, platform staff and `service` only (the column's read level), also where a
//! conversation list embeds the channel.

use crate::enums::CHANNEL_TYPES;
use crate::route::{ADMIN, AFTER, Cmp, Filter, FilterValue, LIMIT, PLATFORM_OR_SERVICE, Param, ParamKind, Route, crud};
use crate::tables::CHANNELS;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {}

const CHANNELS_PATH: &str = "/v1/tenants/{tenantId}/channels";
const CHANNEL: &str = "/v1/tenants/{tenantId}/channels/{channelId}";
const KEY: &[(&str, &str)] = &[("channelId", "id")];
const TYPE: Param = Param { name: "type", kind: ParamKind::OneOf(CHANNEL_TYPES), required: true, doc: "Channel type" };

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    // storage-api §2: across all tenants (the bot manager loads every channel of a type).
    crud::list(&CHANNELS, "/v1/platform/channels", "getChannelsByType", "Channels of one type across all tenants")
        .platform(PLATFORM_OR_SERVICE)
        .query(&[TYPE, LIMIT, AFTER])
        .filters(&[Filter { column: "type", cmp: Cmp::Eq, value: FilterValue::Query("type") }]),
    crud::list(&CHANNELS, CHANNELS_PATH, "getChannelsByTenant", "The tenant's channels, oldest first"),
    crud::create(&CHANNELS, CHANNELS_PATH, "createChannel", "Add a channel").roles(ADMIN),
    crud::get(&CHANNELS, CHANNEL, "getChannel", "Get a channel").binds(KEY),
    crud::patch(&CHANNELS, CHANNEL, "updateChannel", "Update a channel").binds(KEY).roles(ADMIN),
];
