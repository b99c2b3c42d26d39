// An app calling one ICA operation through @idclients/ica.
import { createIcaClient, unwrap } from "@idclients/ica";

const ica = createIcaClient({ auth: { ApiKeyAuth: "API-KEY" } });
export const token = await unwrap(ica.POST("/api/tokens", {}));
