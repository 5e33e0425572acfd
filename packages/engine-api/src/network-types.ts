// Engine API v1.50 network types (api/types/network): what /networks answers
// and accepts, with Docker's field names and order.

export interface IPAMConfig {
  Subnet?: string; IPRange?: string; Gateway?: string;
  AuxiliaryAddresses?: Record<string, string>;
}
export interface IPAM { Driver: string; Options: Record<string, string> | null; Config: IPAMConfig[] | null }

/** One container's endpoint as a network lists it. */
export interface EndpointResource { Name: string; EndpointID: string; MacAddress: string; IPv4Address: string; IPv6Address: string }

/** GET /networks/{id} (and each entry of GET /networks). */
export interface NetworkInspect {
  Name: string; Id: string; Created: string; Scope: string; Driver: string;
  EnableIPv4: boolean; EnableIPv6: boolean; IPAM: IPAM; Internal: boolean; Attachable: boolean;
  Ingress: boolean; ConfigFrom: { Network: string }; ConfigOnly: boolean;
  Containers: Record<string, EndpointResource>; Options: Record<string, string>; Labels: Record<string, string>;
}

/** POST /networks/create */
export interface NetworkCreateRequest {
  Name: string; Driver?: string; Scope?: string; EnableIPv4?: boolean; EnableIPv6?: boolean;
  IPAM?: { Driver?: string; Options?: Record<string, string> | null; Config?: IPAMConfig[] | null } | null;
  Internal?: boolean; Attachable?: boolean; Ingress?: boolean; ConfigOnly?: boolean;
  ConfigFrom?: { Network: string } | null; Options?: Record<string, string> | null; Labels?: Record<string, string> | null;
  CheckDuplicate?: boolean;
}
export interface NetworkCreateResponse { Id: string; Warning: string }

/** POST /networks/{id}/connect */
export interface NetworkConnectRequest {
  Container: string;
  EndpointConfig?: {
    IPAMConfig?: { IPv4Address?: string; IPv6Address?: string; LinkLocalIPs?: string[] } | null;
    Links?: string[] | null; Aliases?: string[] | null; DriverOpts?: Record<string, string> | null; GwPriority?: number;
  } | null;
}
export interface NetworkDisconnectRequest { Container: string; Force?: boolean }
export interface NetworksPruneReport { NetworksDeleted: string[] | null }
