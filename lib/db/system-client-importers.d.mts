export declare const SYSTEM_CLIENT_IMPORTERS: readonly string[];
